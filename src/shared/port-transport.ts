/**
 * A runtime Port seen as a Transport. Every side uses the same adapter: it is typed against the shape of
 * a port (not the browser API), so it touches no browser global and unit tests can hand it a fake port.
 */
import type { Transport } from './transport';

/** What this adapter needs of `browser.Runtime.Port`. */
export interface PortLike {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void; removeListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export function portTransport(port: PortLike): Transport {
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
      try {
        port.disconnect();
      } catch {
        // already gone
      }
    },
  };
}

/** Opens a port with `connect` and adapts it; null when connecting throws (the extension was reloaded or removed). */
export function connectPortTransport(connect: () => PortLike): Transport | null {
  try {
    return portTransport(connect());
  } catch {
    return null;
  }
}
