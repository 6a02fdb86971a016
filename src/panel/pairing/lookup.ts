/** Reading the pairing for one row (the timeline's latency and links) and an exchange's state. */
import { rowEntry } from './history';
import type { Exchange, PairingState } from './state';
import type { ExchangeState, PairLink } from './types';

const NONE: readonly PairLink[] = Object.freeze([]);

export function stateOf(exchange: Exchange): ExchangeState {
  if (exchange.requestSeq === undefined) return 'orphan';
  if (exchange.endSeq !== undefined) return 'ended';
  if (exchange.responseSeq !== undefined) return 'answered';
  return exchange.timedOut ? 'unanswered' : 'open';
}

export const latencyOf = (exchange: Exchange): number | undefined =>
  exchange.requestSeq !== undefined && exchange.responseSeq !== undefined ? exchange.responseT - exchange.requestT : undefined;

function roleOf(exchange: Exchange, seq: number): PairLink['role'] {
  if (exchange.requestSeq === undefined) return 'orphan';
  if (seq === exchange.requestSeq) return 'request';
  if (seq === exchange.responseSeq) return 'response';
  return seq === exchange.endSeq ? 'end' : 'next';
}

function link(exchange: Exchange, seq: number): PairLink {
  const role = roleOf(exchange, seq);
  const result: PairLink = { role, key: exchange.key, name: exchange.name, state: stateOf(exchange) };
  const partnerSeq = role === 'request' ? exchange.responseSeq : exchange.requestSeq;
  if (partnerSeq !== undefined) result.partnerSeq = partnerSeq;
  if (exchange.requestSeq !== undefined) result.requestSeq = exchange.requestSeq;
  if (exchange.responseSeq !== undefined) result.responseSeq = exchange.responseSeq;
  if (exchange.endSeq !== undefined) result.endSeq = exchange.endSeq;
  const latencyMs = latencyOf(exchange);
  if (latencyMs !== undefined) result.latencyMs = latencyMs;
  if (exchange.timedOut) result.timedOut = true;
  if (exchange.timedOut && exchange.responseSeq !== undefined) result.late = true;
  if (exchange.error) result.error = true;
  return result;
}

/** How the row `seq` of document `frame` takes part in exchanges: none, one, or several (a batch). */
export function pairOf(state: PairingState, frame: string, seq: number): readonly PairLink[] {
  const present = rowEntry(state, frame, seq);
  if (present === undefined) return NONE;
  return Array.isArray(present) ? present.map((exchange) => link(exchange, seq)) : [link(present, seq)];
}
