/**
 * The row index and the bounded history of exchanges that wait no more: linking a row to its
 * exchange, and forgetting the oldest finished exchanges past `limits.kept` (counted).
 */
import { enqueue, queueSize, shift } from './queue';
import type { Exchange, PairingState } from './state';

/**
 * The linked rows of one document, sorted by seq: rows are fed in capture order, so linking appends,
 * and a row costs two array slots however sparse the linked rows are. A forgotten row leaves a hole
 * until holes are half the run. Lookup is a binary search.
 */
export interface RowRun {
  seqs: number[];
  links: (Exchange | Exchange[] | undefined)[];
  holes: number;
}

/** The index of the first seq not below `seq` (the run's length if none). */
function lowerBound(seqs: readonly number[], seq: number): number {
  let low = 0;
  let high = seqs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (seqs[middle] < seq) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function rowEntry(state: PairingState, frame: string, seq: number): Exchange | Exchange[] | undefined {
  const run = state.rows.get(frame);
  if (!run) return undefined;
  const at = lowerBound(run.seqs, seq);
  return run.seqs[at] === seq ? run.links[at] : undefined;
}

function addTo(run: RowRun, at: number, exchange: Exchange): void {
  const present = run.links[at];
  if (present === undefined) {
    run.links[at] = exchange;
    run.holes--;
  } else if (Array.isArray(present)) {
    if (!present.includes(exchange)) present.push(exchange);
  } else if (present !== exchange) run.links[at] = [present, exchange];
}

export function linkRow(state: PairingState, exchange: Exchange, seq: number): void {
  let run = state.rows.get(exchange.frame);
  if (!run) {
    run = { seqs: [], links: [], holes: 0 };
    state.rows.set(exchange.frame, run);
  }
  const last = run.seqs.length - 1;
  if (last < 0 || run.seqs[last] < seq) {
    run.seqs.push(seq);
    run.links.push(exchange);
    return;
  }
  const at = run.seqs[last] === seq ? last : lowerBound(run.seqs, seq);
  if (run.seqs[at] === seq) addTo(run, at, exchange);
  else {
    // Only a row fed out of its document's order lands here.
    run.seqs.splice(at, 0, seq);
    run.links.splice(at, 0, exchange);
  }
}

function compact(run: RowRun): void {
  const seqs: number[] = [];
  const links: RowRun['links'] = [];
  for (let i = 0; i < run.seqs.length; i++) {
    if (run.links[i] === undefined) continue;
    seqs.push(run.seqs[i]);
    links.push(run.links[i]);
  }
  run.seqs = seqs;
  run.links = links;
  run.holes = 0;
}

function unlinkRow(state: PairingState, exchange: Exchange, seq: number | undefined): void {
  const run = seq === undefined ? undefined : state.rows.get(exchange.frame);
  if (!run || seq === undefined) return;
  const at = lowerBound(run.seqs, seq);
  const present = run.seqs[at] === seq ? run.links[at] : undefined;
  if (Array.isArray(present)) {
    const others = present.filter((other) => other !== exchange);
    run.links[at] = others.length === 1 ? others[0] : others;
    return;
  }
  if (present !== exchange) return;
  run.links[at] = undefined;
  run.holes++;
  if (run.holes === run.seqs.length) state.rows.delete(exchange.frame);
  else if (run.holes >= 64 && run.holes * 2 >= run.seqs.length) compact(run);
}

function forget(state: PairingState, exchange: Exchange): void {
  unlinkRow(state, exchange, exchange.requestSeq);
  unlinkRow(state, exchange, exchange.responseSeq);
  unlinkRow(state, exchange, exchange.endSeq);
  for (const seq of exchange.nextSeqs ?? []) unlinkRow(state, exchange, seq);
  state.counters.forgotten++;
}

/** Files an exchange that waits no more; past the cap the oldest filed one is forgotten. */
export function keep(state: PairingState, exchange: Exchange): void {
  enqueue(state.kept, exchange);
  while (queueSize(state.kept) > state.limits.kept) forget(state, shift(state.kept)!);
}
