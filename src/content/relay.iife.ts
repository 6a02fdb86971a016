/**
 * SocketScope's relay: the content script in the ISOLATED world of every frame. It receives the page
 * hook's batches, keeps the document's capture log, and serves it to the panel through the background.
 */
import type { BodyTrim, CapturedEvent } from '../shared/page-link';
import { connectPortTransport } from '../shared/port-transport';
import { type FrameInfo, PORT_NAMES } from '../shared/protocol';
import { linkToBackground } from './background-link';
import { RelayLog } from './log';
import { linkToPage, type PageLink } from './page-link';
import { onReconnectRequest } from './reconnect-request';
import { blobOf, type Converted, readBlobHead, toWire } from './to-wire';

// crypto.randomUUID needs a secure context; getRandomValues works on every page.
const randomKey = () => Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');

const log = new RelayLog();
const frame: FrameInfo = {
  key: randomKey(),
  url: location.href,
  top: window === window.top,
  frameId: -1,
  startedAt: Date.now(),
};
// The page link is created below; commands that arrive before it exist cannot happen (no panel sync yet).
let page: PageLink | null = null;
const background = linkToBackground(
  log,
  frame,
  (command) => page?.command(command),
  () =>
    // Null when the extension was reloaded or removed: this relay is orphaned and stays quiet.
    connectPortTransport(() => chrome.runtime.connect({ name: PORT_NAMES.relay })),
  (id) => page?.body(id) ?? Promise.resolve(null),
);
// Not webextension-polyfill: loading it cost 0.5–0.65 ms of every page's document_start, and the relay
// needs only `connect` and `onMessage`, which Firefox also offers under `chrome` with the same shape.
onReconnectRequest(chrome.runtime.onMessage, () => background.reconnectIfClosed());
// Connect once the document has loaded, if no socket made it happen before: rules (offline mode, refused
// reconnects) then reach a document before the sockets it opens later.
const startSoon = () => setTimeout(() => background.start(), 0);
if (document.readyState === 'loading') addEventListener('DOMContentLoaded', startSoon, { once: true });
else startSoon();
// A document leaving (navigation, the bfcache, a removed iframe, a closed tab) sends what the 16 ms batch
// still holds; one restored from the bfcache lost its port there, so it reconnects and the panel re-syncs.
addEventListener('pagehide', () => background.flushNow());
addEventListener('pageshow', (event) => {
  // The old port's disconnection may be delivered only after this event: replace it whatever its state.
  if (event.persisted) background.replaceConnection();
});

const store = (converted: Converted | null) => {
  if (converted) log.append(converted.event, converted.body);
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
const accept = (event: CapturedEvent) => {
  if (event.k === 'fault') {
    log.counters.faults++;
    log.counters.lastError = event.message;
    return;
  }
  if (event.k === 'note') {
    log.counters.notes = (log.counters.notes ?? 0) + 1;
    log.counters.lastNote = event.message;
    background.notify();
    return;
  }
  const blob = blobOf(event);
  if (!blob && queued === 0) {
    try {
      store(toWire(event));
    } catch (error) {
      failed(error);
    }
    return;
  }
  queued++;
  chain = chain
    .then(async () => store(toWire(event, blob ? await readBlobHead(blob) : undefined)))
    .catch(failed)
    .finally(() => {
      queued--;
    });
};

// A trim names a body kept by an event of the same batch or an earlier one: it waits for those events' Blob previews.
const trimmed = (trims: readonly BodyTrim[]) => {
  if (queued === 0) log.trimmedInHook(trims);
  else chain = chain.then(() => log.trimmedInHook(trims)).catch(failed);
  background.notify();
};

page = linkToPage({
  onEvent: accept,
  onTrimmed: trimmed,
  onFinal: () => background.flushNow(),
  onReject(reason) {
    log.counters.rejected++;
    log.counters.lastError = reason;
    background.notify();
  },
});
