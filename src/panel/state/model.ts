/** The panel's data model: what the reducers build from relay messages and the views read. */
import type { FrameInfo, RelayCounters, WireEvent } from '../../shared/protocol';
import type { ProtocolId } from '../decode/types';

export type ConnectionKey = string;

/** One timeline entry: a captured event, or a gap the panel detected in a document's sequence. */
export type Row =
  | (WireEvent & { frame: string; gap?: undefined })
  | { k: 'gap'; frame: string; conn: -1; seq: number; t: number; gap: number };

export type LiveState = 'connecting' | 'open' | 'closing' | 'closed';

export interface Traffic {
  messages: number;
  bytes: number;
}

export interface Connection {
  key: ConnectionKey;
  frame: string;
  conn: number;
  /** 1-based order of appearance, shown as "#n" in the timeline. */
  ordinal: number;
  url: string;
  /** 'stream' for a WebSocketStream; absent for a WebSocket. */
  api?: 'stream';
  frameUrl: string;
  protocols: string[];
  stack: string;
  state: LiveState;
  protocol: string;
  extensions: string;
  createdAt: number;
  openedAt?: number;
  closedAt?: number;
  lastMessageAt?: number;
  sent: Traffic;
  received: Traffic;
  errors: number;
  /** The protocol an imported log says this connection was decoded as (valid ids only). */
  decodeAs?: ProtocolId;
  /** Its first messages (at most SNIFF_FRAMES), which protocol detection reads. */
  samples: WireEvent[];
  /** `error`: why a worker's socket closed with no code reported (Firefox: its worker ended first). */
  close?: { code: number; reason: string; wasClean: boolean; error?: string };
}

export interface FrameState {
  info: FrameInfo;
  lastSeq: number;
  /** Events the panel never received (sequence gaps), counted exactly. */
  missing: number;
  counters: RelayCounters;
}

/** Messages and bytes per second, keyed by the second (epoch seconds). */
export interface Bucket {
  second: number;
  sentMessages: number;
  receivedMessages: number;
  sentBytes: number;
  receivedBytes: number;
}

export interface Capture {
  rows: Row[];
  connections: Map<ConnectionKey, Connection>;
  frames: Map<string, FrameState>;
  /** Per-connection and overall ("*") traffic series, one bucket per second. */
  series: Map<ConnectionKey | '*', Map<number, Bucket>>;
  paused: boolean;
  /** Events not added to the timeline while paused (still counted in stats). */
  skippedWhilePaused: number;
  /** Protocol errors seen by the panel itself. */
  errors: string[];
  readOnly: boolean;
  /** Keep rows across navigations (off by default, as in DevTools). */
  preserveLog: boolean;
  nextOrdinal: number;
  /** Bumped whenever rows change other than by appending (an out-of-order insert, a drop). */
  rowsEpoch: number;
  /** Oldest rows dropped to stay within LIMITS.panelRows (their events still count in connections and stats). */
  droppedRows: number;
}

export const connectionKey = (frame: string, conn: number): ConnectionKey => `${frame}:${conn}`;

/** What a connection is known by when it first appears; its events fill in the rest. */
export type ConnectionStart = Pick<Connection, 'frame' | 'conn' | 'ordinal' | 'url' | 'frameUrl' | 'protocols' | 'stack' | 'createdAt'> &
  Partial<Pick<Connection, 'api'>>;

/** A connection as it starts: connecting, no protocol yet, no traffic. Live capture and import both build them here. */
export function newConnection(start: ConnectionStart): Connection {
  return {
    key: connectionKey(start.frame, start.conn),
    frame: start.frame,
    conn: start.conn,
    ordinal: start.ordinal,
    url: start.url,
    ...(start.api ? { api: start.api } : {}),
    frameUrl: start.frameUrl,
    protocols: start.protocols,
    stack: start.stack,
    state: 'connecting',
    protocol: '',
    extensions: '',
    createdAt: start.createdAt,
    sent: { messages: 0, bytes: 0 },
    received: { messages: 0, bytes: 0 },
    errors: 0,
    samples: [],
  };
}

export function emptyCapture(): Capture {
  return {
    rows: [],
    connections: new Map(),
    frames: new Map(),
    series: new Map(),
    paused: false,
    skippedWhilePaused: 0,
    errors: [],
    readOnly: false,
    preserveLog: false,
    nextOrdinal: 1,
    rowsEpoch: 0,
    droppedRows: 0,
  };
}
