/**
 * The pairing reducers: `feed` one captured message's hints at a time, in capture order, and
 * `advance` the clock on a timer tick. Pure apart from mutating the state: no clock, no timer.
 *
 * Matching is by equal key on the same connection only (keys already say who started the exchange).
 * - request: starts an exchange. If one with the same key is still waiting on that connection, the
 *   newer takes the key and the older stops waiting (counted `superseded`); having no answer, the
 *   older can never get one any more, so it is counted unanswered at once.
 * - response / next / end: the first of them is the exchange's answer (its latency is measured there);
 *   a response or an end finishes it; a next keeps it going (GraphQL `next`s, MQTT PUBREC/PUBREL).
 *   With no exchange waiting for its key, it is kept as an orphan (counted).
 * - Timeout: a request with no answer more than `timeoutMs` after it is unanswered. Time is the newest
 *   entry's `t` or a later `advance(now)`. A late answer is still paired and timed, and the exchange
 *   stays marked as timed out (`late`). An answer whose own time is within the timeout clears a mark a
 *   tick made earlier (ticks run on the wall clock, which can be ahead of the rows' capture times).
 *   Requests are judged in feed order: one fed a little out of time order (rows of two documents) is
 *   judged no earlier than the request fed before it.
 * - Bounds: past `openPerConnection` / `openTotal` waiting exchanges the oldest stops waiting
 *   (counted `evictedOpen`, and unanswered at once if it had no answer). An answered exchange that
 *   stops waiting (a subscription whose id was reused) stays `answered`: its end was never seen.
 */
import type { PairHint } from '../decode/types';
import type { ConnectionKey } from '../state/model';
import { keep, linkRow } from './history';
import { countError, countOrphan, countOutcome, countRequest } from './latency';
import { enqueue, peek, queueSize, retain, shift } from './queue';
import type { Exchange, PairingState } from './state';
import type { PairEntry } from './types';

const MAX_NAME = 200;

function openTable(state: PairingState, conn: ConnectionKey): Map<string, Exchange> {
  let table = state.open.get(conn);
  if (!table) {
    table = new Map();
    state.open.set(conn, table);
  }
  return table;
}

const stillUnjudged = (exchange: Exchange) => exchange.waiting && exchange.responseSeq === undefined && !exchange.timedOut;

function markTimedOut(state: PairingState, exchange: Exchange): void {
  exchange.timedOut = true;
  countOutcome(state.latency, state.limits, exchange, 'pending', 'unanswered');
}

/** Takes an exchange out of its connection's open table and files it. */
function finish(state: PairingState, exchange: Exchange): void {
  const table = state.open.get(exchange.conn);
  table?.delete(exchange.key);
  if (table?.size === 0) state.open.delete(exchange.conn);
  state.openOrder.delete(exchange);
  exchange.waiting = false;
  keep(state, exchange);
}

function stopWaiting(state: PairingState, exchange: Exchange, reason: 'superseded' | 'evictedOpen'): void {
  if (stillUnjudged(exchange)) markTimedOut(state, exchange);
  state.counters[reason]++;
  finish(state, exchange);
}

function start(state: PairingState, conn: ConnectionKey, entry: PairEntry, hint: PairHint): void {
  const older = state.open.get(conn)?.get(hint.key);
  if (older) stopWaiting(state, older, 'superseded');
  const exchange: Exchange = {
    conn,
    frame: entry.frame,
    key: hint.key,
    name: (hint.name ?? '').slice(0, MAX_NAME),
    requestSeq: entry.seq,
    requestT: entry.t,
    responseSeq: undefined,
    responseT: 0,
    endSeq: undefined,
    nextSeqs: null,
    messages: 0,
    error: false,
    timedOut: false,
    waiting: true,
  };
  const table = openTable(state, conn);
  table.set(hint.key, exchange);
  state.openOrder.add(exchange);
  linkRow(state, exchange, entry.seq);
  countRequest(state.latency, state.limits, exchange.conn, exchange.name);
  enqueue(state.deadlines, exchange);
  // Answered and evicted requests stay in the deadline queue until reached; drop them when they dominate.
  if (queueSize(state.deadlines) > 2 * state.openOrder.size + 1024) retain(state.deadlines, stillUnjudged);
  if (table.size > state.limits.openPerConnection) stopWaiting(state, table.values().next().value!, 'evictedOpen');
  if (state.openOrder.size > state.limits.openTotal) stopWaiting(state, state.openOrder.values().next().value!, 'evictedOpen');
}

function orphan(state: PairingState, conn: ConnectionKey, entry: PairEntry, hint: PairHint): void {
  const exchange: Exchange = {
    conn,
    frame: entry.frame,
    key: hint.key,
    name: (hint.name ?? '').slice(0, MAX_NAME),
    requestSeq: undefined,
    requestT: 0,
    responseSeq: entry.seq,
    responseT: entry.t,
    endSeq: undefined,
    nextSeqs: null,
    messages: 1,
    error: hint.error === true,
    timedOut: false,
    waiting: false,
  };
  state.counters.orphans++;
  countOrphan(state.latency, conn);
  linkRow(state, exchange, entry.seq);
  keep(state, exchange);
}

/** Past the timeout at time `t`; the one comparison both the deadline queue and late answers use. */
const pastDeadline = (state: PairingState, exchange: Exchange, t: number) => exchange.requestT + state.timeoutMs < t;

function firstAnswer(state: PairingState, exchange: Exchange, entry: PairEntry): void {
  exchange.responseSeq = entry.seq;
  exchange.responseT = entry.t;
  const late = pastDeadline(state, exchange, entry.t);
  const from = exchange.timedOut ? 'unanswered' : 'pending';
  exchange.timedOut = late;
  countOutcome(state.latency, state.limits, exchange, from, late ? 'late' : 'answered', entry.t - exchange.requestT);
}

function answer(state: PairingState, conn: ConnectionKey, entry: PairEntry, hint: PairHint): void {
  const exchange = state.open.get(conn)?.get(hint.key);
  if (!exchange) {
    orphan(state, conn, entry, hint);
    return;
  }
  exchange.messages++;
  if (hint.error && !exchange.error) {
    exchange.error = true;
    countError(state.latency, state.limits, exchange);
  }
  if (exchange.responseSeq === undefined) {
    firstAnswer(state, exchange, entry);
    linkRow(state, exchange, entry.seq);
  } else if (hint.role === 'next') linkNext(state, exchange, entry.seq);
  else linkRow(state, exchange, entry.seq);
  if (hint.role !== 'next') {
    exchange.endSeq = entry.seq;
    finish(state, exchange);
  }
}

/** A long subscription has too many `next`s to link them all: the first few link, the rest are only counted. */
function linkNext(state: PairingState, exchange: Exchange, seq: number): void {
  const linked = exchange.nextSeqs ?? [];
  if (linked.length >= state.limits.linkedNexts) return;
  linked.push(seq);
  exchange.nextSeqs = linked;
  linkRow(state, exchange, seq);
}

/** Judges timeouts up to `now` (the newest time wins: an older `now` changes nothing). */
export function advance(state: PairingState, now: number): void {
  if (now > state.now) state.now = now;
  for (let head = peek(state.deadlines); head && pastDeadline(state, head, state.now); head = peek(state.deadlines)) {
    shift(state.deadlines);
    if (stillUnjudged(head)) markTimedOut(state, head);
  }
}

/** Feeds one captured message's hints; entries come in capture order. */
export function feed(state: PairingState, entry: PairEntry): void {
  advance(state, entry.t);
  if (entry.hints.length === 0) return;
  const conn = internedKey(state, entry.conn);
  for (const hint of entry.hints) {
    if (hint.role === 'request') start(state, conn, entry, hint);
    else answer(state, conn, entry, hint);
  }
}

function internedKey(state: PairingState, conn: ConnectionKey): ConnectionKey {
  const known = state.connectionKeys.get(conn);
  if (known !== undefined) return known;
  state.connectionKeys.set(conn, conn);
  return conn;
}
