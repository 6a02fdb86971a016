/**
 * The hook's side of the page → relay link. The relay offers a MessagePort on the document's
 * FontFaceSet, where no page script can listen (see shared/handshake.ts); until the hook has it,
 * events wait in a bounded queue. Events are batched: one postMessage per task, scheduled through a
 * private MessageChannel (timers are throttled in background tabs). Batches are numbered and kept
 * until the relay acknowledges them, so that a leaving document can hand over what is still in flight.
 */
import { compile } from '../shared/check';
import { HANDSHAKE } from '../shared/handshake';
import { LIMITS } from '../shared/limits';
import { type PageCommand, toPage } from '../shared/page-commands';
import type { BodyAnswer, PackedBytes, PageBatch, PageEventTuple } from '../shared/page-link';
import { encode, PAYLOAD, type PayloadTuple } from '../shared/page-tuples';
import { isFailed } from '../shared/schema';
import { createBodyStore } from './bodies';
import { pagePrimitives } from './checks';
import { handoverToken, serializeFinal } from './final-flush';
import { keepLongTexts, keptBy } from './long-text';
import type { Natives } from './natives';
import { type Arena, createPacker, type Packer } from './pack';
import { createPostedLog } from './posted';
import { rendezvousTarget } from './rendezvous';
import { sequenceOf } from './sequence';

const PENDING_CAP = LIMITS.pagePendingEvents;

export interface Channel {
  /** `arena`: where a packed payload's bytes are (pack.ts). */
  push(event: PageEventTuple, transfer?: ArrayBuffer, arena?: Arena): void;
  /** Packs small binary payloads into the next batch's buffer. */
  packer: Packer;
  /** A socket id, unique in this channel's relay log (child windows installed from here share it). */
  newId(): number;
  /** Receives the relay's commands (user actions); set once by the top window's hook. */
  onCommand(handler: (command: PageCommand) => void): void;
  /** Receives the names of the worker channels to open (Firefox, see worker-listener.ts). */
  onWorkerChannel(handler: (name: string) => void): void;
  /** Posts a message other than a batch to the relay (a worker's report); dropped while no port is there. */
  post(message: unknown): void;
}

const compileFromRelay = (n: Natives) => compile(toPage, pagePrimitives(n));
type FromRelay = ReturnType<typeof compileFromRelay>;

export function openChannel(n: Natives): Channel {
  const win = n.win;
  let port: MessagePort | null = null;
  let queue: PageEventTuple[] = [];
  let transfers: ArrayBuffer[] = [];
  let dropped = 0;
  let scheduled = false;
  let lastId = 0;
  let commandHandler: ((command: PageCommand) => void) | null = null;
  let workerChannelHandler: ((name: string) => void) | null = null;
  const posted = createPostedLog(n);
  const packer = createPacker(n);
  // Long text bodies stay here; the relay gets their preview and size, and asks for a body when the panel does.
  const bodies = createBodyStore(n);
  const keepLongText = keepLongTexts(n, bodies);
  // Carried by the final hand-over: the relay learns it at the handshake, where no page script listens, so a page cannot forge one.
  const token = handoverToken(n);
  // The relay's messages are checked like any other: a bug there must not become an exception here.
  // Compiled when the first one arrives, not at document_start, where every page pays for what runs.
  let fromRelay: FromRelay | null = null;
  const onPortMessage = (event: MessageEvent) => {
    fromRelay ??= compileFromRelay(n);
    const message = fromRelay.check(n.apply(n.messageData, event, []));
    if (isFailed(message)) push(encode.fault(n.timeOrigin + n.now(), `rejected a relay message: ${fromRelay.why('')}`));
    else if (message.c === 'ack') posted.acknowledge(message.b);
    else if (message.c === 'worker-channel') workerChannelHandler?.(message.name);
    else if (message.c === 'body') answerBody(message.request, message.id);
    else if (commandHandler) commandHandler(message);
  };
  // On its own, at once: a body is asked for by a user waiting in the panel, and is no part of any batch.
  const answerBody = (request: number, id: number) => {
    const answer: BodyAnswer = { answer: request, text: bodies.get(id) };
    if (port) n.apply(n.portPostMessage, port, [answer]);
  };
  const tick = new n.MessageChannel();

  /**
   * Long texts are measured and put in the body store here, in the flush task, rather than when they are pushed:
   * the UTF-8 size of a 1 MB text takes about a millisecond, and at push it would run in our listener, before the
   * page's own, or in the send proxy, before the page's next statement. Keeping a text twice changes nothing (its
   * payload is then the preview). Until the relay connects they are kept at push, so that the waiting queue holds
   * previews, bounded by the body store's caps.
   */
  const keepLongTextsOf = (events: PageEventTuple[]) => {
    for (let i = 0; i < events.length; i++) {
      try {
        keepLongText(events[i]);
      } catch {
        // Never into the page (this runs in our flush task): the text goes whole, as a worker's do (src/worker/channel.ts).
      }
    }
  };

  const flush = () => {
    scheduled = false;
    if (!port || queue.length === 0) return;
    keepLongTextsOf(queue);
    if (dropped > 0) {
      const note: PageEventTuple = encode.fault(n.timeOrigin + n.now(), `${dropped} events dropped before the relay connected`);
      queue[queue.length] = note;
      dropped = 0;
    }
    const batch = queue;
    const moved = transfers;
    queue = [];
    transfers = [];
    // The arena stays with the posted batch (for a final hand-over); the relay gets a transferred copy of its used part.
    const arena = packer.take();
    const pack = arena ? (n.apply(n.abSlice, arena.buffer, [0, arena.used]) as ArrayBuffer) : undefined;
    if (pack) moved[moved.length] = pack;
    const trimmed = bodies.takeTrims();
    const message: PageBatch = { b: posted.add(batch, arena, trimmed), events: batch, pack, trimmed };
    n.apply(n.portPostMessage, port, [message, sequenceOf(n, moved)]);
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
      keepLongTextsOf(queue);
      // The kept bodies stay: a document back from the bfcache is asked for them again; one that is not takes its relay along.
      const detail = serializeFinal(n, token, inFlight, queue, packer.current(), bodies.takeTrims());
      queue = [];
      transfers = [];
      n.apply(n.dispatchEvent, meeting, [new n.CustomEvent(HANDSHAKE.final, { __proto__: null, detail } as CustomEventInit)]);
    } catch {
      // never into the page: what could not be handed over is lost with the document
    }
  };
  n.apply(n.addEventListener, win, ['pagehide', onPageHide, true]);

  function push(event: PageEventTuple, transfer?: ArrayBuffer, arena?: Arena) {
    if (arena !== undefined && arena !== packer.current()) {
      // Captured before the last batch was posted (a stream's write settles later): its bytes get a buffer of their own.
      const carrier = event as PayloadTuple; // only payloads are packed
      const place = carrier[PAYLOAD] as PackedBytes;
      const own = n.apply(n.abSlice, arena.buffer, [place.p, place.p + place.n]) as ArrayBuffer;
      carrier[PAYLOAD] = own; // an own element of the hook's literal: no page setter runs
      transfer = own;
    }
    if (!port && queue.length >= PENDING_CAP) {
      bodies.releaseUpTo(lastKept(queue, PENDING_CAP >> 1));
      queue = n.apply(n.arraySlice, queue, [PENDING_CAP >> 1]) as PageEventTuple[];
      transfers = [];
      dropped += PENDING_CAP >> 1;
    }
    if (!port) keepLongText(event); // once connected, at flush (keepLongTextsOf)
    queue[queue.length] = event;
    if (transfer) transfers[transfers.length] = transfer;
    schedule();
  }

  /** The number of the last body kept by the first `count` events (bodies are numbered in push order), or 0. */
  function lastKept(events: PageEventTuple[], count: number): number {
    for (let i = count - 1; i >= 0; i--) {
      const kept = keptBy(events[i]);
      if (kept !== undefined) return kept;
    }
    return 0;
  }

  return {
    newId: () => ++lastId,
    onCommand(handler) {
      commandHandler = handler;
    },
    onWorkerChannel(handler) {
      workerChannelHandler = handler;
    },
    post(message) {
      // A worker channel is opened on the relay's word, which comes by the port: the port is there by then.
      if (port) n.apply(n.portPostMessage, port, [message]);
    },
    push,
    packer,
  };
}
