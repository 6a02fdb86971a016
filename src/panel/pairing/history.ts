/**
 * The row index and the bounded history of exchanges that wait no more: linking a row to its
 * exchange, and forgetting the oldest finished exchanges past `limits.kept` (counted).
 */
import { enqueue, queueSize, shift } from './queue';
import type { Exchange, PairingState } from './state';

export function linkRow(state: PairingState, exchange: Exchange, seq: number): void {
  let bySeq = state.rows.get(exchange.frame);
  if (!bySeq) {
    bySeq = new Map();
    state.rows.set(exchange.frame, bySeq);
  }
  const present = bySeq.get(seq);
  if (present === undefined) bySeq.set(seq, exchange);
  else if (Array.isArray(present)) {
    if (!present.includes(exchange)) present.push(exchange);
  } else if (present !== exchange) bySeq.set(seq, [present, exchange]);
}

function unlinkRow(state: PairingState, exchange: Exchange, seq: number | undefined): void {
  if (seq === undefined) return;
  const bySeq = state.rows.get(exchange.frame);
  const present = bySeq?.get(seq);
  if (!bySeq || present === undefined) return;
  if (present === exchange) bySeq.delete(seq);
  else if (Array.isArray(present)) {
    const others = present.filter((other) => other !== exchange);
    bySeq.set(seq, others.length === 1 ? others[0] : others);
  }
  if (bySeq.size === 0) state.rows.delete(exchange.frame);
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
