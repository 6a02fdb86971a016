/**
 * The hook's side of the page → relay link. The relay hands over a MessagePort through one window
 * message; until it arrives, events wait in a bounded queue. Events are batched: one postMessage per
 * task, scheduled through a private MessageChannel (timers are throttled in background tabs).
 */
import { HANDSHAKE } from '../shared/handshake';
import type { PageEvent } from '../shared/protocol';
import type { Natives } from './natives';

/** Events kept while no relay is connected; past it the oldest are dropped and counted. */
const PENDING_CAP = 50_000;

export interface Channel {
  push(event: PageEvent, transfer?: ArrayBuffer): void;
}

export function openChannel(n: Natives): Channel {
  const win = n.win;
  let port: MessagePort | null = null;
  let queue: PageEvent[] = [];
  let transfers: ArrayBuffer[] = [];
  let dropped = 0;
  let scheduled = false;
  const tick = new n.MessageChannel();

  const flush = () => {
    scheduled = false;
    if (!port || queue.length === 0) return;
    if (dropped > 0) {
      const note: PageEvent = { k: 'fault', t: n.timeOrigin + n.now(), message: `${dropped} events dropped before the relay connected` };
      queue[queue.length] = note;
      dropped = 0;
    }
    const batch = queue;
    const moved = transfers;
    queue = [];
    transfers = [];
    n.apply(n.portPostMessage, port, [batch, moved]);
  };
  tick.port1.onmessage = flush;

  const schedule = () => {
    if (scheduled || !port) return;
    scheduled = true;
    n.apply(n.portPostMessage, tick.port2, [0]);
  };

  const onWindowMessage = (event: MessageEvent) => {
    const data = n.apply(n.messageData, event, []) as Record<string, unknown> | null;
    if (typeof data !== 'object' || data === null || data[HANDSHAKE.connect] !== true) return;
    if (n.apply(n.messageSource, event, []) !== win) return;
    const ports = n.apply(n.messagePorts, event, []);
    if (ports.length !== 1) return;
    // The handshake is ours: the page never sees it, and later look-alikes go to the page untouched.
    n.apply(n.stopImmediatePropagation, event, []);
    n.apply(n.removeEventListener, win, ['message', onWindowMessage, true]);
    port = ports[0];
    schedule();
  };
  n.apply(n.addEventListener, win, ['message', onWindowMessage, true]);

  return {
    push(event, transfer) {
      if (!port && queue.length >= PENDING_CAP) {
        queue = n.apply(n.arraySlice, queue, [PENDING_CAP >> 1]) as PageEvent[];
        transfers = [];
        dropped += PENDING_CAP >> 1;
      }
      queue[queue.length] = event;
      if (transfer) transfers[transfers.length] = transfer;
      schedule();
    },
  };
}
