/**
 * The relay's side of the relay ↔ background link. The relay connects once per document, not at
 * document_start (a runtime port costs about 1 ms of IPC on every page load, socket or not) but on
 * `start()`: at the first captured event, or once the document has loaded. It connects again
 * whenever the background asks (it asks after it was restarted, since a stopped service worker loses
 * its links) or the document comes back from the bfcache. While a panel is attached, new events stream
 * out in batches, paced by flush-pace.ts; otherwise they just stay in the log until a panel syncs. It
 * works on a Transport, so relay.iife.ts hands it the real port and the unit tests a fake pair.
 */
import { packEvents } from '../shared/event-batch';
import { LIMITS } from '../shared/limits';
import type { PageCommand } from '../shared/page-link';
import { checkToRelay, type FrameInfo, type PayloadBody, type ToPanel, type ToRelay } from '../shared/protocol';
import type { Transport } from '../shared/transport';
import { nextFlushDelay } from './flush-pace';
import { isInHook, type RelayLog } from './log';
import { toPageCommand } from './page-command';
import { readBody } from './read-body';

export interface BackgroundLink {
  /** Makes the first connection, unless already made. */
  start(): void;
  /** Call after events were appended to the log (it starts the link). */
  notify(): void;
  /** Sends what a live panel has not received yet, now (the document is leaving). */
  flushNow(): void;
  /** Connects again unless connected (a restarted background asked). */
  reconnectIfClosed(): void;
  /** Drops the link whatever its state and connects again (a document restored from the bfcache lost it there). */
  replaceConnection(): void;
}

/** How the link reaches the background: a new transport, or null when the extension is gone. */
export type Connect = () => Transport | null;

/** Asks the page hook for a body it kept (page-link.ts's `body`): its text, null when it let it go; rejects without an answer. */
export type AskHook = (id: number) => Promise<string | null>;

export function linkToBackground(
  log: RelayLog,
  frame: FrameInfo,
  toPage: (command: PageCommand) => void,
  connect: Connect,
  askHook: AskHook = () => Promise.resolve(null),
): BackgroundLink {
  let transport: Transport | null = null;
  /** Last seq delivered while live; null when no panel is attached. */
  let liveFrom: number | null = null;
  let flushScheduled = false;
  /** performance.now() of the last live batch. */
  let lastFlushAt = Number.NEGATIVE_INFINITY;
  /** Set while the link is lost: when it fires, no panel can answer a held frame any more (LIMITS.holdOrphanMs). */
  let orphanTimer: ReturnType<typeof setTimeout> | null = null;

  /** Held frames go on as they were: nobody is there to answer them. */
  const releaseHolds = () => toPage({ c: 'release-holds' });
  const stopOrphanTimer = () => {
    if (orphanTimer !== null) clearTimeout(orphanTimer);
    orphanTimer = null;
  };

  const post = (message: ToPanel) => transport?.postMessage(message);

  /** Everything after `seq`, a batch's worth of summaries at a time: a sync of 2,000,000 events never builds them all at once. */
  const sendFrom = (seq: number) => {
    let from = seq;
    do {
      const events = log.since(from, LIMITS.batchEvents);
      for (const part of packEvents(events)) post({ type: 'events', frame, events: part.json, counters: { ...log.counters } });
      from = events.at(-1)?.seq ?? log.lastSeq;
    } while (from < log.lastSeq);
    liveFrom = log.lastSeq;
    lastFlushAt = performance.now();
  };

  const answerPayload = async (requestId: number, seq: number) => {
    const body = log.body(seq);
    let answer: PayloadBody;
    try {
      if (body === undefined) answer = { missing: log.missingReason(seq) };
      else if (isInHook(body)) {
        const text = await askHook(body.inHook);
        // Let go of by the hook: its trim is counted when the report (in flight) arrives.
        answer = text === null ? { missing: log.missingReason(seq) } : { text };
      } else answer = await readBody(body);
    } catch (error) {
      answer = { missing: `the payload could not be read: ${String(error)}`.slice(0, LIMITS.shortText) };
    }
    post({ type: 'payload', requestId, frame: frame.key, seq, body: answer });
  };

  const handle = (message: ToRelay) => {
    if (message.type === 'sync') sendFrom(message.since[frame.key] ?? 0);
    else if (message.type === 'detach') {
      // The last panel went away: its message rules stop acting and nothing is left holding a frame.
      liveFrom = null;
      toPage({ c: 'msg-rules', rules: [] });
      releaseHolds();
    } else if (message.type === 'rules') toPage({ c: 'rules', rules: message.rules });
    else if (message.type === 'msg-rules') toPage({ c: 'msg-rules', rules: message.rules });
    else if (message.type === 'command' && message.frame === frame.key) {
      const command = toPageCommand(message.command);
      if (typeof command === 'string') {
        log.counters.lastError = command;
        log.counters.rejected++;
      } else toPage(command);
    } else if (message.type === 'getPayload' && message.frame === frame.key) void answerPayload(message.requestId, message.seq);
  };

  const open = () => {
    const own = connect();
    if (!own) return;
    transport = own;
    stopOrphanTimer();
    liveFrom = null; // nobody listens on a new link until a panel syncs
    own.onMessage((raw) => {
      if (transport !== own) return; // an older link, already replaced
      try {
        handle(checkToRelay(raw, 'command'));
      } catch (error) {
        log.counters.rejected++;
        log.counters.lastError = String((error as Error).message);
      }
    });
    own.onClose(() => {
      if (transport !== own) return;
      transport = null;
      liveFrom = null;
      // A panel may still answer once the link is back (the background restarts); past the wait, nobody will.
      stopOrphanTimer();
      orphanTimer = setTimeout(() => {
        orphanTimer = null;
        releaseHolds();
      }, LIMITS.holdOrphanMs);
    });
    post({ type: 'hello', frame });
  };
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    open();
  };

  return {
    start,
    flushNow() {
      if (liveFrom !== null) sendFrom(liveFrom);
    },
    notify() {
      start();
      if (liveFrom === null || flushScheduled) return;
      flushScheduled = true;
      setTimeout(
        () => {
          flushScheduled = false;
          if (liveFrom !== null) sendFrom(liveFrom);
        },
        nextFlushDelay(performance.now(), lastFlushAt),
      );
    },
    reconnectIfClosed() {
      started = true;
      if (!transport) open();
    },
    replaceConnection() {
      started = true;
      const old = transport;
      transport = null;
      liveFrom = null;
      old?.close();
      open();
    },
  };
}
