/**
 * What the pairing engine takes in and gives out. It pairs requests with their answers from the
 * decoders' `PairHint`s, one connection at a time, and times them (the rules are at the top of feed.ts).
 */
import type { PairHint } from '../decode/types';
import type { ConnectionKey } from '../state/model';

/** One captured message and the pairing hints its decoded messages carry, fed in capture order. */
export interface PairEntry {
  /** The document the row belongs to, and the row's sequence number in it: together they name the row. */
  frame: string;
  seq: number;
  conn: ConnectionKey;
  /** Capture time, epoch ms. */
  t: number;
  /** Several for a frame that carries several messages (a JSON-RPC batch, SignalR records). */
  hints: readonly PairHint[];
}

/**
 * open: waiting for its first answer, within the timeout;
 * unanswered: no answer yet, and the timeout has passed;
 * answered: answered, and still going on (GraphQL `next`s before `complete`, MQTT PUBREC before PUBCOMP);
 * ended: finished (a response, or an end);
 * orphan: an answer whose request was never seen on its connection.
 */
export type ExchangeState = 'open' | 'unanswered' | 'answered' | 'ended' | 'orphan';

/** How one row takes part in one exchange, for the timeline and the details pane. */
export interface PairLink {
  /**
   * request: the row that started it; response: its first answer (where the latency belongs);
   * next: a later message that kept it going; end: the message that ended it after the first answer;
   * orphan: an answer with no request.
   */
  role: 'request' | 'response' | 'next' | 'end' | 'orphan';
  key: string;
  /** Method, event or operation name ('' when the request named none). */
  name: string;
  state: ExchangeState;
  /** The row to jump to: the first answer from the request row, the request from every other row. */
  partnerSeq?: number;
  requestSeq?: number;
  responseSeq?: number;
  endSeq?: number;
  /** First answer time minus request time. */
  latencyMs?: number;
  /** No answer came within the timeout (the seed's client gave up on it), whether or not one came later. */
  timedOut?: true;
  /** An answer came, but after the timeout. */
  late?: true;
  /** An answer was an error (JSON-RPC error, phx_reply error, STOMP ERROR…). */
  error?: true;
}

/** The caps that keep the engine bounded; every one is counted when it bites. */
export interface PairingLimits {
  /** Exchanges waiting for an answer or an end on one connection; past it the oldest stops waiting. */
  openPerConnection: number;
  /** The same, over all connections. */
  openTotal: number;
  /**
   * Finished exchanges (and orphans) kept for lookup and export; past it the oldest are forgotten.
   * An exchange held costs about 260 B with its row links (measured in Node, whose heap has no pointer
   * compression: 52 MB for 204,000 held; Chrome's compressed heap needs less).
   */
  kept: number;
  /** Rows between the first answer and the end that are linked to their exchange (the rest are only counted). */
  linkedNexts: number;
  /** Latencies kept per name (per connection and overall) for exact percentiles over the most recent ones. */
  latencySamples: number;
  /** Names with their own latency figures per connection, and overall; later names share an "other" line. */
  namesPerConnection: number;
  namesTotal: number;
}

export const DEFAULT_PAIRING_LIMITS: PairingLimits = {
  openPerConnection: 10_000,
  openTotal: 100_000,
  kept: 200_000,
  linkedNexts: 16,
  latencySamples: 4096,
  namesPerConnection: 256,
  namesTotal: 1024,
};

export interface PairingOptions {
  /** A request with no answer this long after it (ms) is unanswered. */
  timeoutMs: number;
  limits?: Partial<PairingLimits>;
}

/** Exact counts of everything the engine set aside. */
export interface PairingCounters {
  /** Answers (response, next or end) whose key had no exchange waiting on that connection. */
  orphans: number;
  /** Exchanges that stopped waiting because a newer request on the same connection reused their key. */
  superseded: number;
  /** Exchanges that stopped waiting because too many were open (openPerConnection, openTotal). */
  evictedOpen: number;
  /** Finished exchanges and orphans dropped past `kept`: their rows no longer link, their figures still count. */
  forgotten: number;
}
