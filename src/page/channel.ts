/**
 * The hook's side of the page → relay link. The relay offers a MessagePort on the document's
 * FontFaceSet, where no page script can listen (see shared/handshake.ts); until the hook has it,
 * events wait in a bounded queue. Events are batched: one postMessage per task, scheduled through a
 * private MessageChannel (timers are throttled in background tabs). Batches are numbered and kept
 * until the relay acknowledges them, so that a leaving document can hand over what is still in flight.
 */
import { HANDSHAKE } from '../shared/handshake';
import type { PageCommand, PageEvent } from '../shared/protocol';
import { handoverToken, serializeFinal } from './final-flush';
import type { Natives } from './natives';
import { createPostedLog } from './posted';
import { rendezvousTarget } from './rendezvous';

/** Events kept while no relay is connected; past it the oldest are dropped and counted. */
const PENDING_CAP = 50_000;

export interface Channel {
  push(event: PageEvent, transfer?: ArrayBuffer): void;
  /** A socket id, unique in this channel's relay log (child windows installed from here share it). */
  newId(): number;
  /** Receives the relay's commands (user actions); set once by the top window's hook. */
  onCommand(handler: (command: PageCommand) => void): void;
}

export function openChannel(n: Natives): Channel {
  const win = n.win;
  let port: MessagePort | null = null;
  let queue: PageEvent[] = [];
  let transfers: ArrayBuffer[] = [];
  let dropped = 0;
  let scheduled = false;
  let lastId = 0;
  let commandHandler: ((command: PageCommand) => void) | null = null;
  const posted = createPostedLog(n);
  // Carried by the final hand-over: the relay learns it at the handshake, where no page script listens, so a page cannot forge one.
  const token = handoverToken(n);
  const onPortMessage = (event: MessageEvent) => {
    const data = n.apply(n.messageData, event, []) as Record<string, unknown> | null;
    if (typeof data !== 'object' || data === null) return;
    if (n.apply(n.hasOwn, data, ['ack'])) {
      if (typeof data.ack === 'number') posted.acknowledge(data.ack);
    } else if (commandHandler) commandHandler(data as unknown as PageCommand);
  };
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
    n.apply(n.portPostMessage, port, [{ b: posted.add(batch), events: batch }, moved]);
  };
  tick.port1.onmessage = flush;

  const schedule = () => {
    if (scheduled || !port) return;
    scheduled = true;
    n.apply(n.portPostMessage, tick.port2, [0]);
  };

  // The relay offers its port on the rendezvous target; whichever of us runs second starts the exchange.
  const meeting = rendezvousTarget(n);
  const onOffer = (event: Event) => {
    let ports: readonly MessagePort[];
    try {
      ports = n.apply(n.messagePorts, event, []);
    } catch {
      return; // not a MessageEvent
    }
    if (ports.length !== 1) return;
    n.apply(n.stopImmediatePropagation, event, []);
    n.apply(n.preventDefault, event, []); // tells the relay the port is taken: it offers it no more
    n.apply(n.removeEventListener, meeting, [HANDSHAKE.connect, onOffer, true]);
    n.apply(n.dispatchEvent, meeting, [new n.CustomEvent(HANDSHAKE.token, { __proto__: null, detail: token } as CustomEventInit)]);
    port = ports[0];
    // The setter saved at install: the page may have replaced MessagePort.prototype.onmessage since.
    n.apply(n.portOnMessage, port, [onPortMessage]);
    schedule();
  };
  n.apply(n.addEventListener, meeting, [HANDSHAKE.connect, onOffer, true]);
  n.apply(n.dispatchEvent, meeting, [new n.Event(HANDSHAKE.ready)]);

  // A leaving document runs no later task: hand over what waits and what is in flight, synchronously (see final-flush.ts).
  const onPageHide = () => {
    try {
      const inFlight = posted.take();
      if (!port || (queue.length === 0 && inFlight.length === 0)) return;
      const detail = serializeFinal(n, token, inFlight, queue);
      queue = [];
      transfers = [];
      n.apply(n.dispatchEvent, meeting, [new n.CustomEvent(HANDSHAKE.final, { __proto__: null, detail } as CustomEventInit)]);
    } catch {
      // never into the page: what could not be handed over is lost with the document
    }
  };
  n.apply(n.addEventListener, win, ['pagehide', onPageHide, true]);

  return {
    newId: () => ++lastId,
    onCommand(handler) {
      commandHandler = handler;
    },
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
