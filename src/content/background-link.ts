/**
 * The relay's side of the relay ↔ background link. The relay connects once per document, and again
 * whenever the background asks (it asks after it was restarted, since a stopped service worker loses
 * its ports). While a panel is attached, new events stream out in batches; otherwise they just stay
 * in the log until a panel syncs.
 */
import browser from 'webextension-polyfill';
import { LIMITS } from '../shared/limits';
import type { PageCommand } from '../shared/page-link';
import { checkToRelay, type FrameInfo, PORT_NAMES, type ToPanel, type ToRelay } from '../shared/protocol';
import type { RelayLog } from './log';
import { toPageCommand } from './page-command';
import { readBody } from './read-body';

export interface BackgroundLink {
  /** Call after events were appended to the log. */
  notify(): void;
  /** Sends what a live panel has not received yet, now (the document is leaving). */
  flushNow(): void;
}

export function linkToBackground(log: RelayLog, frame: FrameInfo, toPage: (command: PageCommand) => void): BackgroundLink {
  let port: browser.Runtime.Port | null = null;
  /** Last seq delivered while live; null when no panel is attached. */
  let liveFrom: number | null = null;
  let flushScheduled = false;

  const post = (message: ToPanel) => {
    try {
      port?.postMessage(message);
    } catch {
      port = null;
      liveFrom = null;
    }
  };

  const sendFrom = (seq: number) => {
    const events = log.since(seq);
    for (let i = 0; i < events.length || i === 0; i += LIMITS.batchEvents) {
      post({ type: 'events', frame, events: events.slice(i, i + LIMITS.batchEvents), counters: { ...log.counters } });
    }
    liveFrom = log.lastSeq;
  };

  const handle = async (message: ToRelay) => {
    if (message.type === 'sync') sendFrom(message.since[frame.key] ?? 0);
    else if (message.type === 'detach') liveFrom = null;
    else if (message.type === 'rules') toPage({ c: 'rules', rules: message.rules });
    else if (message.type === 'command' && message.frame === frame.key) {
      const command = toPageCommand(message.command);
      if (typeof command === 'string') {
        log.counters.lastError = command;
        log.counters.rejected++;
      } else toPage(command);
    } else if (message.type === 'getPayload' && message.frame === frame.key) {
      const body = log.body(message.seq);
      post({
        type: 'payload',
        requestId: message.requestId,
        frame: frame.key,
        seq: message.seq,
        body: body === undefined ? { missing: log.missingReason(message.seq) } : await readBody(body),
      });
    }
  };

  const connect = () => {
    let own: browser.Runtime.Port;
    try {
      own = browser.runtime.connect({ name: PORT_NAMES.relay });
    } catch {
      return; // the extension was reloaded or removed: this relay is orphaned
    }
    port = own;
    own.onMessage.addListener((raw: unknown) => {
      try {
        void handle(checkToRelay(raw, 'command'));
      } catch (error) {
        log.counters.rejected++;
        log.counters.lastError = String((error as Error).message);
      }
    });
    own.onDisconnect.addListener(() => {
      if (port !== own) return; // an older port, already replaced
      port = null;
      liveFrom = null;
    });
    post({ type: 'hello', frame });
  };

  // A restarted background asks every frame of a tab to reconnect.
  browser.runtime.onMessage.addListener((message: unknown) => {
    if ((message as { type?: unknown })?.type === 'relay-reconnect' && !port) connect();
    return undefined;
  });
  connect();
  // A document leaving (navigation, the bfcache, a removed iframe, a closed tab) sends what the 16 ms batch
  // still holds; one restored from the bfcache lost its port there, so it reconnects and the panel re-syncs.
  addEventListener('pagehide', () => {
    if (liveFrom !== null) sendFrom(liveFrom);
  });
  addEventListener('pageshow', (event) => {
    if (!event.persisted) return;
    // The port's disconnection may be delivered only after this event: replace it whatever its state.
    try {
      port?.disconnect();
    } catch {
      // already gone
    }
    port = null;
    liveFrom = null;
    connect();
  });

  return {
    flushNow() {
      if (liveFrom !== null) sendFrom(liveFrom);
    },
    notify() {
      if (liveFrom === null || flushScheduled) return;
      flushScheduled = true;
      setTimeout(() => {
        flushScheduled = false;
        if (liveFrom !== null) sendFrom(liveFrom);
      }, 16);
    },
  };
}
