/** Builds the SocketScope JSON log from an export input. Pure: same input, same document. */

import { type ChunkOptions, forEachChunked } from '../log-format/chunked';
import {
  LIFECYCLE_FIELDS,
  type LifecycleFields,
  LOG_FORMAT,
  LOG_VERSION,
  type LogConnection,
  type LogEvent,
  type LogKind,
  type SeedType,
  type SocketScopeLog,
} from '../log-format/log-schema';
import { protocolOf } from '../state/decoding';
import type { Connection, Row } from '../state/model';
import type { ExportInput, ExportItem } from './types';

export const iso = (epochMs: number): string => new Date(epochMs).toISOString();

function describe(row: Row, kind: LogKind): { type: SeedType; data: string } {
  if (row.k === 'gap') return { type: 'ERROR', data: `${row.gap} event(s) never reached the panel` };
  switch (kind) {
    case 'create':
      return { type: 'OPEN', data: `Connecting to ${row.url ?? ''}` };
    case 'open':
      return { type: 'OPEN', data: row.protocol ? `Connection established (protocol ${row.protocol})` : 'Connection established' };
    case 'close':
      return { type: 'CLOSE', data: `Code: ${row.code ?? ''}, Reason: ${row.reason ?? ''}` };
    case 'close-call':
      return {
        type: row.error ? 'ERROR' : 'CLOSE',
        data: `close() called${row.code !== undefined ? ` with code ${row.code}` : ''}${row.error ? `, failed: ${row.error}` : ''}`,
      };
    case 'action': {
      const type: SeedType = row.error
        ? 'ERROR'
        : row.action === 'send'
          ? 'SEND'
          : row.action === 'receive'
            ? 'RECEIVE'
            : row.action === 'refuse'
              ? 'ERROR'
              : 'CLOSE';
      return {
        type,
        data: `Action ${row.action ?? ''}${row.detail ? `: ${row.detail}` : ''}${row.error ? ` (failed: ${row.error})` : ''}`,
      };
    }
    case 'held':
      return { type: 'ERROR', data: `Held by message rule ${row.ruleId ?? ''}` };
    case 'rule-error':
      return { type: 'ERROR', data: `Message rule ${row.ruleId ?? ''} failed: ${row.error ?? ''}` };
    default:
      return { type: 'ERROR', data: 'WebSocket error' };
  }
}

function kindOf(row: Row): LogKind {
  if (row.k === 'msg') return row.dir === 'send' ? 'send' : 'receive';
  return row.k;
}

function directionOf(row: Row, kind: LogKind): LogEvent['direction'] {
  if (kind === 'send' || kind === 'send-fail') return 'send';
  if (kind === 'receive') return 'receive';
  if (kind === 'held' && row.k === 'held') return row.dir === 'send' ? 'send' : 'receive';
  return row.k === 'action' && (row.action === 'send' || row.action === 'receive') ? row.action : null;
}

function copyField<K extends keyof LifecycleFields>(target: LifecycleFields, source: LifecycleFields, key: K): void {
  if (source[key] !== undefined) target[key] = source[key];
}

export function toLogEvent({ row, payload }: ExportItem): LogEvent {
  const kind = kindOf(row);
  // Messages need no description: their seed type is known and their data is the payload.
  const seed = kind === 'send' || kind === 'receive' ? null : describe(row, kind);
  const event: LogEvent = {
    timestamp: iso(row.t),
    type: seed ? seed.type : kind === 'send' ? 'SEND' : 'RECEIVE',
    data: payload ? payload.data : (seed?.data ?? ''),
    kind,
    time: row.t,
    frame: row.frame,
    conn: row.conn,
    seq: row.seq,
    direction: directionOf(row, kind),
  };
  if (row.k === 'gap') {
    event.missing = row.gap;
    return event;
  }
  if (payload) {
    event.encoding = payload.encoding;
    event.size = row.size ?? 0;
    event.trimmed = payload.trimmed;
    if (payload.reason) event.trimReason = payload.reason;
    if (row.hash) event.hash = row.hash;
    if (payload.redacted) event.redacted = true;
  }
  if (row.injected) event.injected = true;
  if (row.fx) event.fx = { ...row.fx };
  if (row.from) event.from = { ...row.from };
  if (row.hold !== undefined) event.hold = row.hold;
  if (row.ruleId !== undefined) event.ruleId = row.ruleId;
  if (row.k === 'msg' || row.k === 'held') return event;
  for (const key of LIFECYCLE_FIELDS) copyField(event, row, key);
  return event;
}

export function toLogConnection(c: Connection): LogConnection {
  const out: LogConnection = {
    id: c.key,
    frame: c.frame,
    conn: c.conn,
    ordinal: c.ordinal,
    url: c.url,
    frameUrl: c.frameUrl,
    protocols: c.protocols,
    stack: c.stack,
    protocol: c.protocol,
    extensions: c.extensions,
    state: c.state,
    createdAt: c.createdAt,
  };
  if (c.api) out.api = c.api;
  if (c.openedAt !== undefined) out.openedAt = c.openedAt;
  if (c.closedAt !== undefined) out.closedAt = c.closedAt;
  if (c.close) out.close = { ...c.close };
  const { protocol, by } = protocolOf(c);
  if (protocol !== 'raw') out.decodedAs = { protocol, by };
  return out;
}

export function buildJsonLog(input: ExportInput): SocketScopeLog {
  return {
    format: LOG_FORMAT,
    version: LOG_VERSION,
    exportedAt: iso(input.exportedAt),
    creator: input.creator,
    scope: input.scope,
    redaction: input.redaction,
    frames: input.frames.map((f) => ({ ...f.info, missing: f.missing, counters: f.counters })),
    connections: input.connections.map(toLogConnection),
    events: input.items.map(toLogEvent),
    ...(input.pairing && input.pairing.pairs.length > 0 ? { pairing: input.pairing } : {}),
  };
}

/** The same document, its events converted in chunks that yield to the event loop. */
export async function buildJsonLogChunked(input: ExportInput, chunk: ChunkOptions = {}): Promise<SocketScopeLog> {
  const doc = buildJsonLog({ ...input, items: [] });
  const events: LogEvent[] = new Array(input.items.length);
  await forEachChunked(input.items.length, (i) => (events[i] = toLogEvent(input.items[i])), chunk);
  doc.events = events;
  return doc;
}
