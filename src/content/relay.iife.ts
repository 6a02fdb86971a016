/**
 * SocketScope's relay: the content script in the ISOLATED world of every frame. It receives the page
 * hook's batches, keeps the document's capture log, and serves it to the panel through the background.
 *
 * At document_start it only opens its page link (page-port.ts), which must meet the hook before any page
 * script runs so that no event is lost. The rest (relay-core.ts) is loaded with the first thing the hook
 * sends, or once the document has parsed: every page pays for what runs at document_start. The build
 * inlines the dynamic import (one IIFE, no chunk to fetch), so loading it only evaluates its modules, a few
 * microtasks on. A final hand-over that arrives before then is read then too, perhaps after its document
 * is gone: it loses nothing that was not lost before, since without the core no link to the background
 * was open, so no panel could have received those events in time anyway.
 */
import { openPagePort } from './page-port';
import type { Relay } from './relay-core';

const startedAt = Date.now();
let relay: Relay | null = null;
let loading: Promise<Relay> | null = null;
const load = (): Promise<Relay> => {
  loading ??= import('./relay-core').then(({ createRelay }) => {
    relay = createRelay(startedAt, pagePort);
    return relay;
  });
  return loading;
};

const pagePort = openPagePort({
  onBatch(data) {
    if (relay) relay.page.batch(data);
    else void load().then((loaded) => loaded.page.batch(data));
  },
  onFinal(detail) {
    if (relay) relay.page.final(detail);
    else void load().then((loaded) => loaded.page.final(detail));
  },
});

// Firefox's worker capture (src/background/firefox-workers/): the background names a worker's channel as soon
// as the worker's script arrives, which can be before anything else loaded the core, so this listener is there
// from document_start. It only passes messages on: the core checks them, so that no page pays at document_start
// for the protocol's checkers. Chromium never sends the word; `browser` is Firefox's namespace, so Chromium's
// pages do not pay for the listener.
if ((globalThis as { browser?: unknown }).browser !== undefined) {
  chrome.runtime.onMessage.addListener((message: unknown) => {
    if (relay) relay.workerWord(message);
    else void load().then((loaded) => loaded.workerWord(message));
    return undefined;
  });
}

// Connect once the document has parsed, if no socket made it happen before: rules (offline mode, refused
// reconnects) then reach a document before the sockets it opens later. In a later task: DOMContentLoaded
// waits for nothing of ours.
const startSoon = () => setTimeout(() => void load().then((loaded) => loaded.background.start()), 0);
if (document.readyState === 'loading') addEventListener('DOMContentLoaded', startSoon, { once: true });
else startSoon();
