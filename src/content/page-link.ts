/**
 * The relay's side of the page → relay link, once something arrived on it (page-port.ts opened it at
 * document_start): accepts only well-formed batches, acknowledging them, and the hook's final hand-over
 * when a document leaves. Anything else (a bug, a page forging a hand-over) is rejected and counted, and
 * the rest of the capture goes on.
 */

import {
  type BodyTrim,
  bodyAnswer,
  type PageCommand,
  type PageEvent,
  pageBatchEnvelope,
  pageEvent,
  type ToPage,
} from '../shared/page-link';
import { checker } from '../shared/validate';
import { createBodyRequests } from './body-requests';
import { fastMessage, type TakeMessage } from './fast-msg';
import { readHandover, reviveEvent } from './final-handover';
import type { PagePort } from './page-port';
import { type RelayEvent, unpack } from './unpack';

const checkBatch = checker(pageBatchEnvelope);
const checkPageEvent = checker(pageEvent);
const checkBodyAnswer = checker(bodyAnswer);

/**
 * One event as the hook (or a worker hook, worker-documents.ts) posts it: checked and decoded from its array form
 * into named fields, its packed payload (if any) a view of `pack`. Throws what is wrong with it.
 */
export const readPageEvent = (item: unknown, pack: ArrayBuffer | null): RelayEvent =>
  unpack(checkPageEvent(item, 'event') as PageEvent, pack);

export interface PageLinkHandlers {
  onEvent(event: RelayEvent): void;
  /** A message that fast-msg.ts took (whole in its preview, no body to keep): what onEvent would have had, in four facts. */
  onMessage: TakeMessage;
  /** The hook let go of these kept bodies (reported after the events that kept them). */
  onTrimmed(trims: readonly BodyTrim[]): void;
  onReject(reason: string): void;
  /** The document is leaving and the hook handed over its last events: deliver them now. */
  onFinal(): void;
  /** Firefox: a report on one of the document's workers (src/shared/worker-link.ts), unchecked. */
  onWorker(report: unknown): void;
}

export interface PageLink {
  /** Sends a command to the page hook (binary data is transferred), or a worker channel's name to open. */
  command(command: PageCommand | Extract<ToPage, { c: 'worker-channel' }>): void;
  /** A message from the hook's port. */
  batch(data: unknown): void;
  /** The hook's final hand-over: the document is leaving. */
  final(detail: unknown): void;
  /** Asks the hook for kept body `id`: its text, or null when the hook let it go or did not answer in time. */
  body(id: number): Promise<string | null>;
}

/** Acknowledgements are sent at most this often: the hook lets go of what the relay has. */
const ACK_DELAY_MS = 50;

export function linkToPage(pagePort: PagePort, handlers: PageLinkHandlers): PageLink {
  const port = pagePort.port;
  // Firefox hands the content script page-compartment objects, which fail instanceof checks against
  // this compartment's ArrayBuffer and Blob; a structured clone brings them over. Chrome needs no copy.
  // Asked at the first batch: the extension API's first use is not free, and document_start is every page's.
  let crossCompartment: boolean | undefined;
  /** Each event is checked on its own: one bad event is rejected and counted, the rest of its batch goes on. */
  const acceptOne = (item: unknown, read: (item: unknown) => RelayEvent) => {
    let event: RelayEvent;
    try {
      event = read(item);
    } catch (error) {
      handlers.onReject(String((error as Error).message));
      return;
    }
    handlers.onEvent(event);
  };
  const accept = (events: readonly unknown[], read: (item: unknown) => RelayEvent) => {
    for (const item of events) acceptOne(item, read);
  };
  // The highest batch number the relay has (by the port, or handed over when a document left).
  const post = (message: ToPage) => port.postMessage(message);
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
  const receive = (raw: unknown) => {
    crossCompartment ??= chrome.runtime.getURL('').startsWith('moz-extension:');
    const data: unknown = crossCompartment ? structuredClone(raw) : raw;
    if (typeof data === 'object' && data !== null) {
      // A worker's report, told apart from a batch by its own `w` field (a batch has none).
      if (Object.hasOwn(data, 'w')) return handlers.onWorker(data);
      // The hook's answer to `body`, told apart by its `answer` field.
      if (Object.hasOwn(data, 'answer')) return answered(data);
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
    const read = (item: unknown) => readPageEvent(item, pack);
    for (const item of batch.events) if (!fastMessage(item, pack, handlers.onMessage)) acceptOne(item, read);
    trimmed(batch.trimmed);
    // At once when the last one is old enough (timers are throttled in background tabs), else a little later.
    if (performance.now() - ackedAt >= ACK_DELAY_MS) acknowledge();
    else ackTimer ??= setTimeout(acknowledge, ACK_DELAY_MS);
  };
  const answered = (data: object) => {
    try {
      const answer = checkBodyAnswer(data, 'answer');
      bodies.answered(answer.answer, answer.text ?? null);
    } catch (error) {
      handlers.onReject(`a body answer from the page was malformed: ${(error as Error).message}`);
    }
  };
  const final = (detail: unknown) => {
    try {
      const handover = readHandover(detail, pagePort.token());
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
  };
  return {
    command(command) {
      const transfer = 'data' in command && command.data instanceof ArrayBuffer ? [command.data] : [];
      port.postMessage(command, transfer);
    },
    batch: receive,
    final,
    body: bodies.ask,
  };
}
