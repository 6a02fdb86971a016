/**
 * The panel's reducer: folds relay messages into a Capture. It appends in place (a million rows
 * cannot be copied per batch) but is otherwise pure: no I/O, no clock, deterministic for a given
 * input, so it is tested with plain fixtures.
 */
import { LIMITS } from '../../shared/limits';
import type { FrameInfo, RelayCounters, WireEvent } from '../../shared/protocol';
import { SNIFF_FRAMES } from '../decode/types';
import { neverSent } from '../format/rule-effect';
import { forgetUnanswerableHolds, noteHoldEvent } from '../holds/hold-store';
import { type Bucket, type Capture, connectionKey, newConnection, type Row } from './model';

const MAX_ERRORS = 50;

export function noteError(capture: Capture, message: string): void {
  capture.errors.push(message);
  if (capture.errors.length > MAX_ERRORS) capture.errors.splice(0, capture.errors.length - MAX_ERRORS);
}

export function ingestFrame(capture: Capture, info: FrameInfo): void {
  const existing = capture.frames.get(info.key);
  if (existing) {
    existing.info = info;
    return;
  }
  if (info.top && !capture.preserveLog) dropDocumentsOlderThan(capture, info.startedAt);
  capture.frames.set(info.key, {
    info,
    lastSeq: 0,
    missing: 0,
    counters: { rejected: 0, faults: 0, trimmedBodies: 0, trimmedBytes: 0, droppedEvents: 0 },
  });
}

/** Adds a batch of one document's events; already-seen sequence numbers are ignored, gaps recorded. */
export function ingestEvents(capture: Capture, info: FrameInfo, events: WireEvent[], counters: RelayCounters): number {
  ingestFrame(capture, info);
  const frame = capture.frames.get(info.key)!;
  frame.counters = counters;
  let added = 0;
  for (const event of events) {
    if (event.seq <= frame.lastSeq) continue;
    if (event.seq > frame.lastSeq + 1) {
      const gap = event.seq - frame.lastSeq - 1;
      frame.missing += gap;
      insertRow(capture, { k: 'gap', frame: info.key, conn: -1, seq: event.seq - 1, t: event.t, gap });
    }
    frame.lastSeq = event.seq;
    // A rule error about a rule as a whole names no socket (conn 0): it must not invent a connection.
    if (!(event.k === 'rule-error' && event.conn === 0)) applyToConnection(capture, info, event);
    noteHoldEvent(capture, info.key, event); // held frames wait in the page even while the timeline is paused
    if (capture.paused) capture.skippedWhilePaused++;
    else {
      insertRow(capture, { ...event, frame: info.key } as Row);
      added++;
    }
  }
  keepWithinRowCap(capture);
  return added;
}

/** Drops the oldest rows past the panel's cap, with room to spare so that it happens rarely; counted. */
export function keepWithinRowCap(capture: Capture, cap: number = LIMITS.panelRows): void {
  if (capture.rows.length <= cap) return;
  const drop = capture.rows.length - cap + Math.ceil(cap / 20);
  capture.rows = capture.rows.slice(drop);
  capture.droppedRows += drop;
  capture.rowsEpoch++;
}

/**
 * Keeps the timeline in time order across documents: frames deliver in separate batches, so an
 * iframe's earlier events can arrive after the top document's later ones. Appending is the common case.
 */
function insertRow(capture: Capture, row: Row): void {
  const rows = capture.rows;
  if (rows.length === 0 || rows[rows.length - 1].t <= row.t) {
    rows.push(row);
    return;
  }
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].t <= row.t) lo = mid + 1;
    else hi = mid;
  }
  rows.splice(lo, 0, row);
  capture.rowsEpoch++;
}

function applyToConnection(capture: Capture, info: FrameInfo, e: WireEvent): void {
  const key = connectionKey(info.key, e.conn);
  let c = capture.connections.get(key);
  if (!c) {
    c = newConnection({
      frame: info.key,
      conn: e.conn,
      ordinal: capture.nextOrdinal++,
      url: e.url ?? '(created before capture)',
      frameUrl: e.frameUrl ?? info.url,
      protocols: e.protocols ?? [],
      stack: e.stack ?? '',
      createdAt: e.t,
      api: e.api,
    });
    capture.connections.set(key, c);
  }
  switch (e.k) {
    case 'open':
      c.state = 'open';
      c.openedAt = e.t;
      c.protocol = e.protocol ?? '';
      c.extensions = e.extensions ?? '';
      break;
    case 'msg': {
      if (c.samples.length < SNIFF_FRAMES) c.samples.push(e);
      // A send a rule dropped or answered with a mock never reached the server: traffic and the chart
      // count what crossed the socket (its row still shows, marked). A mock's reply is counted as
      // received: the page got it.
      if (neverSent(e.fx)) break;
      const traffic = e.dir === 'send' ? c.sent : c.received;
      traffic.messages++;
      traffic.bytes += e.size ?? 0;
      c.lastMessageAt = e.t;
      addToSeries(capture, key, e);
      addToSeries(capture, '*', e);
      break;
    }
    case 'error':
      c.errors++;
      break;
    case 'close-call':
      if (!e.error && c.state !== 'closed') c.state = 'closing';
      break;
    case 'close':
      c.state = 'closed';
      c.closedAt = e.t;
      c.close = { code: e.code ?? 0, reason: e.reason ?? '', wasClean: e.wasClean ?? false };
      if (e.code === undefined && e.error) c.close.error = e.error;
      break;
  }
}

function addToSeries(capture: Capture, key: string, e: WireEvent): void {
  const series = capture.series.get(key) ?? new Map<number, Bucket>();
  capture.series.set(key, series);
  const second = Math.floor(e.t / 1000);
  const bucket = series.get(second) ?? { second, sentMessages: 0, receivedMessages: 0, sentBytes: 0, receivedBytes: 0 };
  series.set(second, bucket);
  if (e.dir === 'send') {
    bucket.sentMessages++;
    bucket.sentBytes += e.size ?? 0;
  } else {
    bucket.receivedMessages++;
    bucket.receivedBytes += e.size ?? 0;
  }
}

/** Clear: drops rows, closed connections and series; open connections stay, with fresh counters. */
export function clearCapture(capture: Capture): void {
  capture.rows = [];
  capture.droppedRows = 0;
  capture.series = new Map();
  capture.skippedWhilePaused = 0;
  capture.errors = [];
  for (const [key, c] of capture.connections) {
    if (c.state === 'closed') capture.connections.delete(key);
    else {
      c.sent = { messages: 0, bytes: 0 };
      c.received = { messages: 0, bytes: 0 };
      c.errors = 0;
    }
  }
  for (const frame of capture.frames.values()) frame.missing = 0;
  forgetUnanswerableHolds(capture);
}

/** A new top-level document without "preserve log": what earlier documents captured goes. */
function dropDocumentsOlderThan(capture: Capture, startedAt: number): void {
  const gone = new Set<string>();
  for (const [key, frame] of capture.frames) if (frame.info.startedAt < startedAt) gone.add(key);
  if (gone.size === 0) return;
  for (const key of gone) capture.frames.delete(key);
  capture.rows = capture.rows.filter((row) => !gone.has(row.frame));
  capture.rowsEpoch++;
  for (const [key, c] of capture.connections) {
    if (gone.has(c.frame)) {
      capture.connections.delete(key);
      capture.series.delete(key);
    }
  }
  capture.series.delete('*');
  for (const row of capture.rows) if (row.k === 'msg') addToSeries(capture, '*', row);
}
