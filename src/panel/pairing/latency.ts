/**
 * Latency figures per name (method, event, operation), per connection and overall, kept as each
 * message is fed so that they cost O(1) per message and survive the forgetting of old exchanges.
 *
 * Counts are exact over everything fed since the last reset. Every request is in exactly one of
 * answered (within the timeout), late (answered after it), unanswered (no answer, timeout passed) or
 * pending (no answer, timeout not passed yet). Percentiles are exact (nearest rank, no interpolation)
 * over the most recent `latencySamples` latencies of each line, late answers included; `max` is over
 * every latency.
 */
import type { ConnectionKey } from '../state/model';
import type { PairingLimits } from './types';

export type Outcome = 'pending' | 'answered' | 'late' | 'unanswered';

interface Tally {
  requests: number;
  answered: number;
  late: number;
  unanswered: number;
  errors: number;
  /** Latencies measured, all time; the percentiles use only the ring below. */
  timed: number;
  max: number;
  /** A ring of the most recent latencies: once full, `nextSample` is the oldest. */
  samples: number[];
  nextSample: number;
}

interface ScopeBook {
  all: Tally;
  byName: Map<string, Tally>;
  /** Names past the cap share this line. */
  other: Tally | null;
  orphans: number;
}

export interface LatencyBook {
  overall: ScopeBook;
  connections: Map<ConnectionKey, ScopeBook>;
}

const newTally = (): Tally => ({
  requests: 0,
  answered: 0,
  late: 0,
  unanswered: 0,
  errors: 0,
  timed: 0,
  max: 0,
  samples: [],
  nextSample: 0,
});
const newScope = (): ScopeBook => ({ all: newTally(), byName: new Map(), other: null, orphans: 0 });

export const emptyLatencyBook = (): LatencyBook => ({ overall: newScope(), connections: new Map() });

function scopeFor(book: LatencyBook, conn: ConnectionKey): ScopeBook {
  let scope = book.connections.get(conn);
  if (!scope) {
    scope = newScope();
    book.connections.set(conn, scope);
  }
  return scope;
}

function nameTally(scope: ScopeBook, name: string, cap: number): Tally {
  let tally = scope.byName.get(name);
  if (tally) return tally;
  if (scope.byName.size >= cap) {
    scope.other ??= newTally();
    return scope.other;
  }
  tally = newTally();
  scope.byName.set(name, tally);
  return tally;
}

/** The four lines an exchange counts in: its connection's total and name, the overall total and name. */
function tallies(book: LatencyBook, limits: PairingLimits, conn: ConnectionKey, name: string): Tally[] {
  const scope = scopeFor(book, conn);
  return [scope.all, nameTally(scope, name, limits.namesPerConnection), book.overall.all, nameTally(book.overall, name, limits.namesTotal)];
}

export function countRequest(book: LatencyBook, limits: PairingLimits, conn: ConnectionKey, name: string): void {
  for (const tally of tallies(book, limits, conn, name)) tally.requests++;
}

function addSample(tally: Tally, latencyMs: number, cap: number): void {
  tally.max = tally.timed === 0 ? latencyMs : Math.max(tally.max, latencyMs);
  tally.timed++;
  if (tally.samples.length < cap) tally.samples.push(latencyMs);
  else {
    tally.samples[tally.nextSample] = latencyMs;
    tally.nextSample = (tally.nextSample + 1) % cap;
  }
}

/** Moves one request from one outcome to another; `latencyMs` is recorded when it gets its first answer. */
export function countOutcome(
  book: LatencyBook,
  limits: PairingLimits,
  exchange: { conn: ConnectionKey; name: string },
  from: Outcome,
  to: Outcome,
  latencyMs?: number,
): void {
  for (const tally of tallies(book, limits, exchange.conn, exchange.name)) {
    if (from !== 'pending') tally[from]--;
    if (to !== 'pending') tally[to]++;
    if (latencyMs !== undefined) addSample(tally, latencyMs, limits.latencySamples);
  }
}

export function countError(book: LatencyBook, limits: PairingLimits, exchange: { conn: ConnectionKey; name: string }): void {
  for (const tally of tallies(book, limits, exchange.conn, exchange.name)) tally.errors++;
}

export function countOrphan(book: LatencyBook, conn: ConnectionKey): void {
  scopeFor(book, conn).orphans++;
  book.overall.orphans++;
}

/** One line of the latency table. Percentiles and max are absent until a latency is measured. */
export interface LatencyLine {
  /** '' for requests that named nothing; for the total and the "other" line, see `total` and `other`. */
  name: string;
  total?: true;
  /** The line for names past the cap. */
  other?: true;
  requests: number;
  answered: number;
  late: number;
  unanswered: number;
  pending: number;
  errors: number;
  p50?: number;
  p95?: number;
  max?: number;
  /** How many latencies the percentiles are taken over (the most recent ones). */
  samples: number;
}

export interface LatencyReport {
  scope: 'all' | ConnectionKey;
  total: LatencyLine;
  /** By requests, most first, then by name; the "other" line last. */
  byName: LatencyLine[];
  orphans: number;
}

/** Nearest rank: the smallest value with at least p% of the values at or below it. */
export function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

function line(tally: Tally, name: string): LatencyLine {
  const result: LatencyLine = {
    name,
    requests: tally.requests,
    answered: tally.answered,
    late: tally.late,
    unanswered: tally.unanswered,
    pending: tally.requests - tally.answered - tally.late - tally.unanswered,
    errors: tally.errors,
    samples: tally.samples.length,
  };
  if (tally.timed > 0) {
    const sorted = Float64Array.from(tally.samples).sort();
    result.p50 = percentile(sorted, 50);
    result.p95 = percentile(sorted, 95);
    result.max = tally.max;
  }
  return result;
}

/** The latency table for one connection or for all ('all'); an empty one for a connection never seen. */
export function latencyReport(book: LatencyBook, scope: 'all' | ConnectionKey): LatencyReport {
  const source = scope === 'all' ? book.overall : (book.connections.get(scope) ?? newScope());
  const byName = [...source.byName].map(([name, tally]) => line(tally, name));
  byName.sort((a, b) => b.requests - a.requests || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (source.other) byName.push({ ...line(source.other, ''), other: true });
  return { scope, total: { ...line(source.all, ''), total: true }, byName, orphans: source.orphans };
}
