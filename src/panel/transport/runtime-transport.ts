/**
 * The real panel transport: a runtime port to the background, reconnecting behind the Transport
 * interface (see reconnecting.ts) when the port drops.
 */
import browser from 'webextension-polyfill';
import { PORT_NAMES } from '../../shared/protocol';
import type { Transport } from '../../shared/transport';
import { createReconnectingTransport } from './reconnecting';

/** One link: the panel's adapter from a runtime Port to a Transport; null when the extension is gone. */
function connectPort(): Transport | null {
  let port: browser.Runtime.Port;
  try {
    port = browser.runtime.connect({ name: PORT_NAMES.panel });
  } catch {
    return null;
  }
  let open = true;
  const closeListeners = new Set<() => void>();
  port.onDisconnect.addListener(() => {
    open = false;
    for (const listener of [...closeListeners]) listener();
  });
  return {
    postMessage(message) {
      if (!open) return;
      try {
        port.postMessage(message);
      } catch {
        open = false; // the background went away; onDisconnect tells the reconnecting transport
      }
    },
    onMessage(listener) {
      const forward = (message: unknown) => listener(message);
      port.onMessage.addListener(forward);
      return () => port.onMessage.removeListener(forward);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close() {
      open = false;
      port.disconnect();
    },
  };
}

export function createRuntimeTransport(onReconnect: () => void): Transport {
  return createReconnectingTransport(connectPort, onReconnect);
}
