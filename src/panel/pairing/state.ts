/**
 * The pairing engine's state: plain data mutated in place by the reducers in feed.ts (as the panel's
 * Capture is), read by lookup.ts, latency.ts and serialize.ts. No clock and no timer inside: time
 * comes in with each entry and with `advance(state, now)`.
 */
import type { ConnectionKey } from '../state/model';
import type { RowRun } from './history';
import { emptyLatencyBook, type LatencyBook } from './latency';
import { emptyQueue, type Queue } from './queue';
import { DEFAULT_PAIRING_LIMITS, type PairingCounters, type PairingLimits, type PairingOptions } from './types';

/** One request and its answers on one connection, or an orphan answer (no request). */
export interface Exchange {
  conn: ConnectionKey;
  frame: string;
  key: string;
  name: string;
  /** Undefined for an orphan. */
  requestSeq: number | undefined;
  requestT: number;
  /** The first answer (for an orphan, the answer itself). */
  responseSeq: number | undefined;
  responseT: number;
  endSeq: number | undefined;
  /** Rows between the first answer and the end that link to this exchange (at most `linkedNexts`). */
  nextSeqs: number[] | null;
  /** Every message after the request (answers, nexts, end), linked or not. */
  messages: number;
  error: boolean;
  /** No answer came within the timeout (an answer may have come later). */
  timedOut: boolean;
  /** In its connection's open table: an answer or end with its key still goes to it. */
  waiting: boolean;
}

export interface PairingState {
  timeoutMs: number;
  limits: PairingLimits;
  /** The newest time judged so far (entries' times and `advance` calls). */
  now: number;
  /** Per connection, the exchanges waiting for an answer or an end, by key, oldest first. */
  open: Map<ConnectionKey, Map<string, Exchange>>;
  /** Every waiting exchange, oldest first, for the total cap. */
  openOrder: Set<Exchange>;
  /** Requests in feed order, to judge timeouts; answered ones are skipped when reached (or compacted away). */
  deadlines: Queue<Exchange>;
  /** Exchanges that wait no more, oldest first, kept up to `limits.kept`. */
  kept: Queue<Exchange>;
  /** Row lookup: per document, its linked rows and the exchange(s) each takes part in (see history.ts). */
  rows: Map<string, RowRun>;
  latency: LatencyBook;
  counters: PairingCounters;
  /**
   * One string per connection key: the panel builds a new key string for every row, and a string
   * held by each of 200,000 exchanges would cost more than the exchange itself.
   */
  connectionKeys: Map<ConnectionKey, ConnectionKey>;
}

function fresh(timeoutMs: number, limits: PairingLimits): PairingState {
  return {
    timeoutMs,
    limits,
    now: Number.NEGATIVE_INFINITY,
    open: new Map(),
    openOrder: new Set(),
    deadlines: emptyQueue(),
    kept: emptyQueue(),
    rows: new Map(),
    latency: emptyLatencyBook(),
    counters: { orphans: 0, superseded: 0, evictedOpen: 0, forgotten: 0 },
    connectionKeys: new Map(),
  };
}

export function createPairing(options: PairingOptions): PairingState {
  if (!(options.timeoutMs >= 0)) throw new RangeError(`timeoutMs must be a number ≥ 0, not ${options.timeoutMs}`);
  return fresh(options.timeoutMs, { ...DEFAULT_PAIRING_LIMITS, ...options.limits });
}

/** Forgets everything (the panel's Clear), keeping the timeout and limits; the object stays the same. */
export function resetPairing(state: PairingState): void {
  Object.assign(state, fresh(state.timeoutMs, state.limits));
}
