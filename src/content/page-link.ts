/**
 * The relay's side of the page → relay link: hands the page hook a MessagePort and accepts only
 * well-formed batches from it, acknowledging them, and the hook's final hand-over when a document
 * leaves. Anything else (a bug, a page forging a hand-over) is rejected and counted, and the rest of
 * the capture goes on.
 */

import { HANDSHAKE } from '../shared/handshake';
import {
  type BodyTrim,
  bodyAnswer,
  type CapturedEvent,
  type PageCommand,
  type PageEvent,
  pageBatchEnvelope,
  pageEvent,
  type ToPage,
} from '../shared/page-link';
import { checker } from '../shared/validate';
import { createBodyRequests } from './body-requests';
import { readHandover, reviveEvent } from './final-handover';
import { rendezvousTarget } from './rendezvous';
import { unpack } from './unpack';

const checkBatch = checker(pageBatchEnvelope);
const checkPageEvent = checker(pageEvent);
const checkBodyAnswer = checker(bodyAnswer);

export interface PageLinkHandlers {
  onEvent(event: CapturedEvent): void;
  /** The hook let go of these kept bodies (reported after the events that kept them). */
  onTrimmed(trims: readonly BodyTrim[]): void;
  onReject(reason: string): void;
  /** The document is leaving and the hook handed over its last events: deliver them now. */
  onFinal(): void;
}

export interface PageLink {
  /** Sends a command to the page hook (binary data is transferred). */
  command(command: PageCommand): void;
  /** Asks the hook for kept body `id`: its text, or null when the hook let it go or did not answer in time. */
  body(id: number): Promise<string | null>;
}

/** Acknowledgements are sent at most this often: the hook lets go of what the relay has. */
const ACK_DELAY_MS = 50;

export function linkToPage(handlers: PageLinkHandlers): PageLink {
  const channel = new MessageChannel();
  // Firefox hands the content script page-compartment objects, which fail instanceof checks against
  // this compartment's ArrayBuffer and Blob; a structured clone brings them over. Chrome needs no copy.
  const crossCompartment = chrome.runtime.getURL('').startsWith('moz-extension:');
  /** Each event is checked on its own: one bad event is rejected and counted, the rest of its batch goes on. */
  const accept = (events: readonly unknown[], read: (item: unknown) => CapturedEvent) => {
    for (const item of events) {
      let event: CapturedEvent;
      try {
        event = read(item);
      } catch (error) {
        handlers.onReject(String((error as Error).message));
        continue;
      }
      handlers.onEvent(event);
    }
  };
  const post = (message: ToPage) => channel.port1.postMessage(message);
  // The highest batch number the relay has (by the port, or handed over when a document left).
  let received = 0;
  let ackTimer: ReturnType<typeof setTimeout> | undefined;
  let ackedAt = 0;
  const acknowledge = () => {
    clearTimeout(ackTimer);
    ackTimer = undefined;
    ackedAt = performance.now();
    post({ c: 'ack', b: received });
  };
  const bodies = createBodyRequests(post);
  const trimmed = (trims: readonly BodyTrim[] | undefined) => {
    if (trims && trims.length > 0) handlers.onTrimmed(trims);
  };
  channel.port1.onmessage = (message) => {
    const data: unknown = crossCompartment ? structuredClone(message.data) : message.data;
    // The one message from the hook that is not a batch, told apart by its `answer` field.
    if (typeof data === 'object' && data !== null && 'answer' in data) {
      try {
        const answer = checkBodyAnswer(data, 'answer');
        bodies.answered(answer.answer, answer.text ?? null);
      } catch (error) {
        handlers.onReject(`a body answer from the page was malformed: ${(error as Error).message}`);
      }
      return;
    }
    let batch: ReturnType<typeof checkBatch>;
    try {
      batch = checkBatch(data, 'batch');
    } catch (error) {
      handlers.onReject(`a message from the page was not a batch: ${(error as Error).message}`);
      return;
    }
    if (batch.b <= received) return; // handed over already (a document back from the bfcache)
    received = batch.b;
    const pack = batch.pack instanceof ArrayBuffer ? batch.pack : null;
    accept(batch.events, (item) => unpack(checkPageEvent(item, 'event') as PageEvent, pack));
    trimmed(batch.trimmed);
    // At once when the last one is old enough (timers are throttled in background tabs), else a little later.
    if (performance.now() - ackedAt >= ACK_DELAY_MS) acknowledge();
    else ackTimer ??= setTimeout(acknowledge, ACK_DELAY_MS);
  };
  const meeting = rendezvousTarget();
  let token: string | null = null;
  // Registered before any page script, where none can listen: the page never sees the token or a hand-over.
  meeting.addEventListener(
    HANDSHAKE.token,
    (event) => {
      const detail = (event as CustomEvent).detail;
      if (token !== null || typeof detail !== 'string') return;
      event.stopImmediatePropagation();
      token = detail;
    },
    true,
  );
  meeting.addEventListener(
    HANDSHAKE.final,
    (event) => {
      event.stopImmediatePropagation();
      try {
        const handover = readHandover((event as CustomEvent).detail, token);
        for (const batch of handover.posted) {
          if (batch.b <= received) continue;
          received = batch.b;
          accept(batch.events, reviveEvent);
          trimmed(batch.trimmed);
        }
        accept(handover.queue, reviveEvent);
        trimmed(handover.trimmed);
      } catch (error) {
        handlers.onReject((error as Error).message);
      }
      handlers.onFinal();
    },
    true,
  );
  // Offered now (the hook may run already) and when the hook says it runs (it may start after us).
  // The hook cancels the offer it takes; from then on nothing is offered again, to anyone.
  const offer = () => {
    const taken = !meeting.dispatchEvent(new MessageEvent(HANDSHAKE.connect, { ports: [channel.port2], cancelable: true }));
    if (taken) meeting.removeEventListener(HANDSHAKE.ready, offer);
  };
  meeting.addEventListener(HANDSHAKE.ready, offer);
  offer();
  return {
    command(command) {
      const transfer = 'data' in command && command.data instanceof ArrayBuffer ? [command.data] : [];
      channel.port1.postMessage(command, transfer);
    },
    body: bodies.ask,
  };
}
