/**
 * Every runtime hop (relay ↔ background, background ↔ panel) goes through this interface, so that the
 * router, the relay's link and the panel's bridge are tested on a fake pair, and the real adapters (one
 * per context, around a runtime Port) stay a few lines each.
 */
export interface Transport {
  /** Sends one JSON message. Never throws: once the link is closed, messages are dropped (`onClose` told the owner). */
  postMessage(message: unknown): void;
  /** Subscribes to incoming messages; returns the unsubscribe function. */
  onMessage(listener: (message: unknown) => void): () => void;
  /** The other end went away (a port's disconnect). Not called for `close()` on this end; a transport that reconnects by itself never calls it. */
  onClose(listener: () => void): () => void;
  /** Ends the link: the other end hears `onClose`. */
  close(): void;
}

/** Two transports joined back to back, for tests, with the faults a runtime port can show. */
export interface FakeTransportPair {
  readonly a: Transport;
  readonly b: Transport;
  /** From now on, posted messages wait until `release`. */
  hold(): void;
  /** How many messages wait (posted while held, not yet delivered). */
  readonly held: number;
  /**
   * Delivers the waiting messages in `order` (indices into the waiting list, in posting order; by default
   * all of them as posted), drops those left out, and delivers at once again.
   */
  release(order?: number[]): void;
  /** Both ends go away at once, as when the service worker is stopped: undelivered messages are lost, both hear `onClose`. */
  disconnect(): void;
  /** Resolves when nothing is left to deliver, replies that listeners post synchronously included (not those posted after an await). */
  settled(): Promise<void>;
}

type Delivery = { to: 0 | 1; message: unknown } | { to: 0 | 1; closed: true };

export function createFakeTransportPair(): FakeTransportPair {
  const messageListeners = [new Set<(message: unknown) => void>(), new Set<(message: unknown) => void>()];
  const closeListeners = [new Set<() => void>(), new Set<() => void>()];
  let queue: Delivery[] = [];
  let open = true;
  let holding = false;
  let scheduled = false;

  const deliver = (delivery: Delivery) => {
    if ('closed' in delivery) for (const listener of [...closeListeners[delivery.to]]) listener();
    else for (const listener of [...messageListeners[delivery.to]]) listener(delivery.message);
  };
  // One delivery per microtask, as a port delivers one message per task: a reply lands after what was already sent.
  const step = () => {
    scheduled = false;
    if (holding) return;
    const next = queue.shift();
    try {
      if (next) deliver(next);
    } finally {
      schedule();
    }
  };
  const schedule = () => {
    if (scheduled || holding || queue.length === 0) return;
    scheduled = true;
    queueMicrotask(step);
  };

  const end = (side: 0 | 1): Transport => {
    const peer = side === 0 ? 1 : 0;
    return {
      postMessage(message) {
        if (!open) return;
        // Runtime ports carry JSON: the receiver never shares an object with the sender.
        queue.push({ to: peer, message: JSON.parse(JSON.stringify(message)) });
        schedule();
      },
      onMessage(listener) {
        messageListeners[side].add(listener);
        return () => messageListeners[side].delete(listener);
      },
      onClose(listener) {
        closeListeners[side].add(listener);
        return () => closeListeners[side].delete(listener);
      },
      close() {
        if (!open) return;
        open = false;
        queue.push({ to: peer, closed: true });
        schedule();
      },
    };
  };

  return {
    a: end(0),
    b: end(1),
    hold() {
      holding = true;
    },
    get held() {
      return holding ? queue.length : 0;
    },
    release(order) {
      holding = false;
      if (order) queue = order.map((index) => queue[index]).filter((delivery) => delivery !== undefined);
      schedule();
    },
    disconnect() {
      if (!open) return;
      open = false;
      holding = false;
      queue = [
        { to: 0, closed: true },
        { to: 1, closed: true },
      ];
      schedule();
    },
    async settled() {
      while (scheduled || (queue.length > 0 && !holding)) await Promise.resolve();
    },
  };
}
