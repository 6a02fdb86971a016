/** The background's adapter from an accepted runtime Port to a Transport. */
import type browser from 'webextension-polyfill';
import type { Transport } from '../shared/transport';

export function portTransport(port: browser.Runtime.Port): Transport {
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
        open = false; // the other end went away; onDisconnect tells the owner
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
