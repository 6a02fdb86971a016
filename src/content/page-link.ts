/**
 * The relay's side of the page → relay link, once something arrived on it (page-port.ts opened it at
 * document_start): accepts only well-formed batches, acknowledging them, and the hook's final hand-over
 * when a document leaves. Anything else (a bug, a page forging a hand-over) is rejected and counted, and
 * the rest of the capture goes on.
 */

import { type CapturedEvent, type PageCommand, type PageEvent, pageBatchEnvelope, pageEvent, type ToPage } from '../shared/page-link';
import { checker } from '../shared/validate';
import { readHandover, reviveEvent } from './final-handover';
import type { PagePort } from './page-port';
import { unpack } from './unpack';

const checkBatch = checker(pageBatchEnvelope);
const checkPageEvent = checker(pageEvent);

export interface PageLinkHandlers {
  onEvent(event: CapturedEvent): void;
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
  // The highest batch number the relay has (by the port, or handed over when a document left).
  let received = 0;
  let ackTimer: ReturnType<typeof setTimeout> | undefined;
  let ackedAt = 0;
  const acknowledge = () => {
    clearTimeout(ackTimer);
    ackTimer = undefined;
    ackedAt = performance.now();
    const ack: ToPage = { c: 'ack', b: received };
    port.postMessage(ack);
  };
  const receive = (data: unknown) => {
    crossCompartment ??= chrome.runtime.getURL('').startsWith('moz-extension:');
    // A worker's report, told apart from a batch by its own `w` field (a batch has none).
    if (typeof data === 'object' && data !== null && Object.hasOwn(data, 'w')) {
      handlers.onWorker(crossCompartment ? structuredClone(data) : data);
      return;
    }
    let batch: ReturnType<typeof checkBatch>;
    try {
      batch = checkBatch(crossCompartment ? structuredClone(data) : data, 'batch');
    } catch (error) {
      handlers.onReject(`a message from the page was not a batch: ${(error as Error).message}`);
      return;
    }
    if (batch.b <= received) return; // handed over already (a document back from the bfcache)
    received = batch.b;
    const pack = batch.pack instanceof ArrayBuffer ? batch.pack : null;
    accept(batch.events, (item) => unpack(checkPageEvent(item, 'event') as PageEvent, pack));
    // At once when the last one is old enough (timers are throttled in background tabs), else a little later.
    if (performance.now() - ackedAt >= ACK_DELAY_MS) acknowledge();
    else ackTimer ??= setTimeout(acknowledge, ACK_DELAY_MS);
  };
  const final = (detail: unknown) => {
    try {
      const handover = readHandover(detail, pagePort.token());
      for (const batch of handover.posted) {
        if (batch.b <= received) continue;
        received = batch.b;
        accept(batch.events, reviveEvent);
      }
      accept(handover.queue, reviveEvent);
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
  };
}
