/**
 * Every side talks to the rest of the extension through this two-method interface, so that tests
 * can hand it a fake and the real one can reconnect behind it when the service worker restarts.
 */
export interface Transport {
  postMessage(message: unknown): void;
  /** Subscribes to incoming messages; returns the unsubscribe function. */
  onMessage(listener: (message: unknown) => void): () => void;
}

/** A transport pair joined back to back, for tests: what one side posts, the other receives. */
export function createFakeTransportPair(): [Transport, Transport] {
  const make = (peer: () => Set<(m: unknown) => void>, own: Set<(m: unknown) => void>): Transport => ({
    postMessage(message) {
      const copy = JSON.parse(JSON.stringify(message));
      queueMicrotask(() => {
        for (const listener of peer()) listener(copy);
      });
    },
    onMessage(listener) {
      own.add(listener);
      return () => own.delete(listener);
    },
  });
  const a = new Set<(m: unknown) => void>();
  const b = new Set<(m: unknown) => void>();
  return [make(() => b, a), make(() => a, b)];
}
