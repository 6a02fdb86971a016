/** The relay's adapter: a runtime Port to the background, seen as a Transport. */
import browser from 'webextension-polyfill';
import { PORT_NAMES } from '../shared/protocol';
import type { Transport } from '../shared/transport';

/** Null when the extension was reloaded or removed: this relay is orphaned and stays quiet. */
export function connectToBackground(): Transport | null {
  let port: browser.Runtime.Port;
  try {
    port = browser.runtime.connect({ name: PORT_NAMES.relay });
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
        open = false; // the background went away; onDisconnect tells the link
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
      try {
        port.disconnect();
      } catch {
        // already gone
      }
    },
  };
}
