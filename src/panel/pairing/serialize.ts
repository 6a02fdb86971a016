/**
 * The pairs as plain data for the JSON export: one object per exchange the engine still holds (waiting
 * or kept), in time order, with the counters that say what it no longer holds.
 */
import type { ConnectionKey } from '../state/model';
import { latencyOf, stateOf } from './lookup';
import { queued } from './queue';
import type { Exchange, PairingState } from './state';
import type { ExchangeState, PairingCounters } from './types';

export interface SerializedPair {
  /** The connection's key (`<frame>:<conn>`), as in the log's `connections[].id`. */
  connection: ConnectionKey;
  key: string;
  name: string;
  state: ExchangeState;
  /** `seq` of the request, first answer and end rows in the connection's document (null when none). */
  request: number | null;
  response: number | null;
  end: number | null;
  latencyMs: number | null;
  timedOut: boolean;
  late: boolean;
  error: boolean;
  /** Messages after the request: answers, nexts and the end (1 for an orphan). */
  messages: number;
}

export interface SerializedPairing {
  timeoutMs: number;
  counters: PairingCounters;
  pairs: SerializedPair[];
}

const firstTime = (exchange: Exchange) => (exchange.requestSeq !== undefined ? exchange.requestT : exchange.responseT);
const firstSeq = (exchange: Exchange) => exchange.requestSeq ?? exchange.responseSeq ?? 0;

function byTime(a: Exchange, b: Exchange): number {
  return firstTime(a) - firstTime(b) || (a.frame < b.frame ? -1 : a.frame > b.frame ? 1 : 0) || firstSeq(a) - firstSeq(b);
}

function serializePair(exchange: Exchange): SerializedPair {
  const state = stateOf(exchange);
  return {
    connection: exchange.conn,
    key: exchange.key,
    name: exchange.name,
    state,
    request: exchange.requestSeq ?? null,
    response: exchange.responseSeq ?? null,
    end: exchange.endSeq ?? null,
    latencyMs: latencyOf(exchange) ?? null,
    timedOut: exchange.timedOut,
    late: exchange.timedOut && exchange.responseSeq !== undefined,
    error: exchange.error,
    messages: exchange.messages,
  };
}

/** Every pair held, or only those of one connection. Judge timeouts first (`advance`) for a current picture. */
export function serializePairing(state: PairingState, connection?: ConnectionKey): SerializedPairing {
  const held = [...queued(state.kept), ...state.openOrder];
  const chosen = connection === undefined ? held : held.filter((exchange) => exchange.conn === connection);
  return { timeoutMs: state.timeoutMs, counters: { ...state.counters }, pairs: chosen.sort(byTime).map(serializePair) };
}
