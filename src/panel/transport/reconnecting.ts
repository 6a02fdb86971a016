/**
 * A transport that outlives its links: when one closes (the MV3 service worker was stopped), it connects
 * again after a short pause and tells its owner, which re-subscribes and re-syncs. Its own listeners stay
 * subscribed across links, so the owner never sees the switch, and it never reports a close.
 */
import type { Transport } from '../../shared/transport';

/** A pause before reconnecting, so that a background that is still starting is not hammered. */
export const RECONNECT_DELAY_MS = 100;

/** `connect` returns null when the extension is gone (reloaded or removed): then the panel stops trying. */
export function createReconnectingTransport(connect: () => Transport | null, onReconnect: () => void): Transport {
  const listeners = new Set<(message: unknown) => void>();
  let current: Transport | null = null;
  let stopped = false;

  const link = (): boolean => {
    const own = connect();
    if (!own) return false;
    current = own;
    own.onMessage((message) => {
      if (current !== own) return;
      for (const listener of [...listeners]) listener(message);
    });
    own.onClose(() => {
      if (current !== own) return;
      current = null;
      setTimeout(() => {
        if (!stopped && link()) onReconnect();
      }, RECONNECT_DELAY_MS);
    });
    return true;
  };
  link();

  return {
    postMessage(message) {
      current?.postMessage(message); // between links it is lost; onReconnect re-sends what matters (subscribe + sync)
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onClose() {
      return () => undefined; // it reconnects instead
    },
    close() {
      stopped = true;
      current?.close();
      current = null;
    },
  };
}
