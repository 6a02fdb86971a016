/**
 * The real transport: a runtime port to the background. When the port drops (the MV3 service worker
 * was stopped), it reconnects and tells its owner, which re-subscribes and re-syncs.
 */
import browser from 'webextension-polyfill';
import { PORT_NAMES } from '../../shared/protocol';
import type { Transport } from '../../shared/transport';

export function createRuntimeTransport(onReconnect: () => void): Transport {
  const listeners = new Set<(message: unknown) => void>();
  let port: browser.Runtime.Port;

  const connect = () => {
    port = browser.runtime.connect({ name: PORT_NAMES.panel });
    port.onMessage.addListener((message: unknown) => {
      for (const listener of listeners) listener(message);
    });
    port.onDisconnect.addListener(() => {
      setTimeout(() => {
        connect();
        onReconnect();
      }, 100);
    });
  };
  connect();

  return {
    postMessage(message) {
      try {
        port.postMessage(message);
      } catch {
        // disconnected; the reconnect above re-sends what matters (subscribe + sync)
      }
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
