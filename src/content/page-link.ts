/**
 * The relay's side of the page → relay link: hands the page hook a MessagePort and accepts only
 * well-formed batches from it, acknowledging them, and the hook's final hand-over when a document
 * leaves. Anything else (a bug, a page forging a hand-over) is rejected and counted, and the rest of
 * the capture goes on.
 */

import { HANDSHAKE } from '../shared/handshake';
import { type PageCommand, type PageEvent, pageBatchEnvelope, pageEvent, type ToPage } from '../shared/page-link';
import { checker } from '../shared/validate';
import { readHandover, reviveEvent } from './final-handover';
import { rendezvousTarget } from './rendezvous';

const checkBatch = checker(pageBatchEnvelope);
const checkPageEvent = checker(pageEvent);

export interface PageLinkHandlers {
  onEvent(event: PageEvent): void;
  onReject(reason: string): void;
  /** The document is leaving and the hook handed over its last events: deliver them now. */
  onFinal(): void;
  /** Firefox: a report on one of the document's workers (src/shared/worker-link.ts), unchecked. */
  onWorker(report: unknown): void;
}

export interface PageLink {
  /** Sends a command to the page hook (binary data is transferred), or a worker channel's name to open. */
  command(command: PageCommand | Extract<ToPage, { c: 'worker-channel' }>): void;
}

/** Acknowledgements are sent at most this often: the hook lets go of what the relay has. */
const ACK_DELAY_MS = 50;

export function linkToPage(handlers: PageLinkHandlers): PageLink {
  const channel = new MessageChannel();
  // Firefox hands the content script page-compartment objects, which fail instanceof checks against
  // this compartment's ArrayBuffer and Blob; a structured clone brings them over. Chrome needs no copy.
  const crossCompartment = chrome.runtime.getURL('').startsWith('moz-extension:');
  /** Each event is checked on its own: one bad event is rejected and counted, the rest of its batch goes on. */
  const accept = (events: readonly unknown[], read: (item: unknown) => PageEvent) => {
    for (const item of events) {
      let event: PageEvent;
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
    channel.port1.postMessage(ack);
  };
  channel.port1.onmessage = (message) => {
    // A worker's report, told apart from a batch by its own `w` field (a batch has none).
    if (typeof message.data === 'object' && message.data !== null && Object.hasOwn(message.data, 'w')) {
      handlers.onWorker(crossCompartment ? structuredClone(message.data) : message.data);
      return;
    }
    let batch: ReturnType<typeof checkBatch>;
    try {
      batch = checkBatch(crossCompartment ? structuredClone(message.data) : message.data, 'batch');
    } catch (error) {
      handlers.onReject(`a message from the page was not a batch: ${(error as Error).message}`);
      return;
    }
    if (batch.b <= received) return; // handed over already (a document back from the bfcache)
    received = batch.b;
    accept(batch.events, (item) => checkPageEvent(item, 'event'));
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
        }
        accept(handover.queue, reviveEvent);
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
  };
}
