/**
 * SocketScope's relay: the content script in the ISOLATED world of every frame. It receives the page
 * hook's batches, keeps the document's capture log, and serves it to the panel through the background.
 *
 * At document_start it only opens its page link, which must meet the hook before any page script runs so
 * that no event is lost. The log and the background link (relay-core.ts) are built at the first captured
 * event, or once the document has parsed, whichever comes first: every page pays for what runs here.
 */
import { linkToPage, type PageLink } from './page-link';
import { createRelayCore, type RelayCore } from './relay-core';

const startedAt = Date.now();
// Commands come only through the background link, which exists only once `page` does.
let page: PageLink | null = null;
let core: RelayCore | null = null;
const relay = (): RelayCore => {
  core ??= createRelayCore(startedAt, (command) => page?.command(command));
  return core;
};

page = linkToPage({
  onEvent: (event) => relay().accept(event),
  onFinal: () => relay().background.flushNow(),
  onReject: (reason) => relay().reject(reason),
});

// Connect once the document has parsed, if no socket made it happen before: rules (offline mode, refused
// reconnects) then reach a document before the sockets it opens later. In a later task: DOMContentLoaded
// waits for nothing of ours.
const startSoon = () => setTimeout(() => relay().background.start(), 0);
if (document.readyState === 'loading') addEventListener('DOMContentLoaded', startSoon, { once: true });
else startSoon();
