/**
 * SocketScope's relay: the content script in the ISOLATED world of every frame. It receives the page
 * hook's batches, keeps the document's capture log, and serves it to the panel through the background.
 */
import type { FrameInfo, PageEvent } from '../shared/protocol';
import { linkToBackground } from './background-link';
import { RelayLog } from './log';
import { linkToPage, type PageLink } from './page-link';
import { toWire } from './to-wire';

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
const background = linkToBackground(log, frame, (command) => page?.command(command));

// Blob previews are read asynchronously; a promise chain keeps events in capture order.
let chain: Promise<void> = Promise.resolve();
const accept = (event: PageEvent) => {
  if (event.k === 'fault') {
    log.counters.faults++;
    log.counters.lastError = event.message;
    return;
  }
  chain = chain
    .then(() => toWire(event))
    .then((converted) => {
      if (converted) log.append(converted.event, converted.body);
      background.notify();
    })
    .catch((error) => {
      log.counters.faults++;
      log.counters.lastError = String(error);
    });
};

page = linkToPage({
  onEvent: accept,
  onReject(reason) {
    log.counters.rejected++;
    log.counters.lastError = reason;
    background.notify();
  },
});
