/** The SocketScope JSON log, version 1 (documented in docs/log-format.md). Shared by export and import. */
import type { ResentFrom, RuleEffect } from '../../shared/message-rules';
import type { RelayCounters, WireEvent, WorkerKind } from '../../shared/protocol';
import type { ProtocolId } from '../decode/types';
import type { SerializedPairing } from '../pairing/serialize';
import type { Connection } from '../state/model';
import type { Encoding } from './types';

export const LOG_FORMAT = 'socketscope-log';
export const LOG_VERSION = 1;

/** The simple shape of LoggedWebSocket.exportLogs(), carried by every event. */
export type SeedType = 'OPEN' | 'SEND' | 'RECEIVE' | 'CLOSE' | 'ERROR';

export type LogKind =
  | 'create'
  | 'open'
  | 'send'
  | 'receive'
  | 'send-fail'
  | 'error'
  | 'close'
  | 'close-call'
  | 'action'
  | 'gap'
  | 'held'
  | 'rule-error';

/** Lifecycle fields copied as they are between captured events and log events. */
export const LIFECYCLE_FIELDS = [
  'url',
  'protocols',
  'frameUrl',
  'stack',
  'protocol',
  'extensions',
  'code',
  'reason',
  'wasClean',
  'error',
  'action',
  'detail',
  'api',
  'via',
] as const;

/** A log event's lifecycle fields are the captured event's, unchanged. */
export type LifecycleFields = Pick<WireEvent, (typeof LIFECYCLE_FIELDS)[number]>;

export interface LogEvent extends LifecycleFields {
  /** Seed shape: ISO time (ms), simple type, and the payload (or a human description for lifecycle events). */
  timestamp: string;
  type: SeedType;
  data: string;
  kind: LogKind;
  /** Epoch milliseconds with the capture's sub-millisecond fraction. */
  time: number;
  frame: string;
  /** The socket's id in its document (-1 for a gap). */
  conn: number;
  seq: number;
  direction: 'send' | 'receive' | null;
  /** Payload events only: how `data` is encoded, the whole message's size in bytes, and whether `data` is all of it. */
  encoding?: Encoding;
  size?: number;
  trimmed?: boolean;
  trimReason?: string;
  hash?: string;
  redacted?: boolean;
  injected?: boolean;
  /** Gap events: how many events never reached the panel. */
  missing?: number;
  /** Messages: what a message rule did to it (docs/log-format.md, "Message rules"). */
  fx?: RuleEffect;
  /** Messages sent again from the timeline: the row they were made from. */
  from?: ResentFrom;
  /** Held frames: the hold's number; held frames and rule errors: the rule's id. */
  hold?: number;
  ruleId?: number;
}

/** A connection as the log writes it: the panel's record of it, keyed by `id`, without the traffic its events imply. */
export interface LogConnection
  extends Pick<
    Connection,
    | 'frame'
    | 'conn'
    | 'ordinal'
    | 'url'
    | 'api'
    | 'frameUrl'
    | 'protocols'
    | 'stack'
    | 'protocol'
    | 'extensions'
    | 'state'
    | 'createdAt'
    | 'openedAt'
    | 'closedAt'
    | 'close'
  > {
  /** `<frame>:<conn>`, as used by the panel's connection filter. */
  id: string;
  /** The protocol the panel decoded it as, and how that was chosen. */
  decodedAs?: { protocol: ProtocolId; by: string };
}

export interface LogFrame {
  key: string;
  url: string;
  top: boolean;
  frameId: number;
  startedAt: number;
  worker?: WorkerKind;
  missing: number;
  counters: RelayCounters;
}

export interface SocketScopeLog {
  format: typeof LOG_FORMAT;
  version: typeof LOG_VERSION;
  exportedAt: string;
  creator: { name: string; version: string };
  scope: { events: 'all' | 'filtered'; connection: string };
  redaction: { enabled: boolean; masked: number };
  frames: LogFrame[];
  connections: LogConnection[];
  events: LogEvent[];
  /** Requests paired with their answers, when the panel found any (docs/log-format.md, "pairing"). */
  pairing?: SerializedPairing;
}
