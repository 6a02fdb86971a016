/**
 * Everything the relay does once its page link has opened (page-port.ts): reading the hook's batches
 * (page-link.ts), the document's capture log, the link to the background, and the listeners for a restarted
 * background and for the bfcache. None of it is needed before the first captured event or the end of the
 * document's parsing, so relay.iife.ts loads this module then: neither its code nor the schemas it checks
 * with run at document_start, which every page pays for (bench/PERFORMANCE.md, issue #17 session 8).
 */
import type { BodyTrim } from '../shared/page-link';
import { connectPortTransport } from '../shared/port-transport';
import { type FrameInfo, PORT_NAMES } from '../shared/protocol';
import { type BackgroundLink, linkToBackground } from './background-link';
import type { TakeMessage } from './fast-msg';
import { RelayLog } from './log';
import { linkToPage, type PageLink } from './page-link';
import type { PagePort } from './page-port';
import { onReconnectRequest, readWorkerWord } from './reconnect-request';
import { blobOf, type Converted, readBlobHead, toWire } from './to-wire';
import type { RelayEvent } from './unpack';
import { createWorkerDocuments } from './worker-documents';

export interface Relay {
  background: BackgroundLink;
  page: PageLink;
  /** Firefox: the background's word on one of this document's workers (relay.iife.ts listens from document_start). */
  /** A one-shot message from the background (unchecked): acted on if it is a word on this document's workers. */
  workerWord(message: unknown): void;
}

// crypto.randomUUID needs a secure context; getRandomValues works on every page.
const randomKey = () => Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');

/** `startedAt`: when the document's relay ran (document_start). */
export function createRelay(startedAt: number, pagePort: PagePort): Relay {
  const log = new RelayLog();
  const frame: FrameInfo = { key: randomKey(), url: location.href, top: window === window.top, frameId: -1, startedAt };
  // The page link is made below; a command needs a panel's sync, which needs this link connected first.
  let page: PageLink | null = null;
  // Null when the extension was reloaded or removed: this relay is orphaned and stays quiet.
  const connectRelay = () => connectPortTransport(() => chrome.runtime.connect({ name: PORT_NAMES.relay }));
  const background = linkToBackground(
    log,
    frame,
    (command) => page?.command(command),
    connectRelay,
    (id) => page?.body(id) ?? Promise.resolve(null),
  );
  /** Something the user should know that is not a failure: shown in the status bar. */
  const note = (message: string) => {
    log.counters.notes = (log.counters.notes ?? 0) + 1;
    log.counters.lastNote = message.slice(0, 8192);
    background.notify();
  };
  // Firefox: the sockets of this document's workers (src/background/firefox-workers/, src/page/worker-listener.ts).
  const workers = createWorkerDocuments(
    randomKey,
    connectRelay,
    (reason) => {
      log.counters.rejected++;
      log.counters.lastError = reason;
      background.notify();
    },
    note,
  );
  // Not webextension-polyfill: loading it cost 0.5–0.65 ms of every page's document_start, and the relay
  // needs only `connect` and `onMessage`, which Firefox also offers under `chrome` with the same shape.
  // A relay that never built its core never connected, so a restarted background has nothing to ask of it.
  onReconnectRequest(chrome.runtime.onMessage, () => {
    background.reconnectIfClosed();
    workers.reconnectIfClosed();
  });
  // A document leaving (navigation, the bfcache, a removed iframe, a closed tab) sends what the next live batch
  // would hold (flush-pace.ts); one restored from the bfcache lost its port there, so it reconnects and the panel re-syncs.
  addEventListener('pagehide', () => {
    background.flushNow();
    workers.flushNow();
  });
  addEventListener('pageshow', (event) => {
    // The old port's disconnection may be delivered only after this event: replace it whatever its state.
    if (event.persisted) background.replaceConnection();
  });

  const store = (converted: Converted | null) => {
    if (converted) log.append(converted.event, converted.body);
    background.notify();
  };
  const keepMessage: TakeMessage = (conn, t, dir, payload) => {
    log.appendMessage(conn, t, dir, payload);
    background.notify();
  };
  const failed = (error: unknown) => {
    log.counters.faults++;
    log.counters.lastError = String(error);
  };

  // Blob previews are read asynchronously; while one is pending, later events queue behind it so that
  // the log keeps capture order. Everything else is converted at once, without a promise per event.
  let chain: Promise<void> = Promise.resolve();
  let queued = 0;
  const behindQueued = (work: () => void | Promise<void>) => {
    queued++;
    chain = chain
      .then(work)
      .catch(failed)
      .finally(() => {
        queued--;
      });
  };
  const accept = (event: RelayEvent) => {
    if (event.k === 'fault') {
      log.counters.faults++;
      log.counters.lastError = event.message;
      return;
    }
    if (event.k === 'note') return note(event.message);
    const blob = blobOf(event);
    if (!blob && queued === 0) {
      try {
        store(toWire(event));
      } catch (error) {
        failed(error);
      }
      return;
    }
    behindQueued(async () => store(toWire(event, blob ? await readBlobHead(blob) : undefined)));
  };

  // A trim names a body kept by an event of the same batch or an earlier one: it waits for those events' Blob previews.
  const trimmed = (trims: readonly BodyTrim[]) => {
    if (queued === 0) log.trimmedInHook(trims);
    else chain = chain.then(() => log.trimmedInHook(trims)).catch(failed);
    background.notify();
  };

  page = linkToPage(pagePort, {
    onEvent: accept,
    onMessage(conn, t, dir, payload) {
      if (queued === 0) keepMessage(conn, t, dir, payload);
      else behindQueued(() => keepMessage(conn, t, dir, payload));
    },
    onTrimmed: trimmed,
    onFinal: () => background.flushNow(),
    onWorker: (report) => workers.accept(report),
    onReject(reason) {
      log.counters.rejected++;
      log.counters.lastError = reason;
      background.notify();
    },
  });
  const workerWord = (message: unknown) => {
    const word = readWorkerWord(message);
    if (word === null) return;
    if (word.type === 'worker-channel') page?.command({ c: 'worker-channel', name: word.name });
    else note(`worker script left as it was, so its sockets are not captured: ${word.url} (${word.why})`);
  };
  return { background, page, workerWord };
}
