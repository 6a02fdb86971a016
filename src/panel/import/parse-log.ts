/** Reads a SocketScope JSON log (format "socketscope-log", version 1) into an imported session. */
import { socketApi } from '../../shared/fields';
import { resentFrom, ruleEffect } from '../../shared/message-rules';
import { checkWireEvent, type WireEvent, workerKind } from '../../shared/protocol';
import { arrayOf, bool, int, literal, object, optional } from '../../shared/schema';
import { checker } from '../../shared/validate';
import { LIFECYCLE_FIELDS, LOG_FORMAT, LOG_VERSION } from '../log-format/log-schema';
import type { LoggedFrame } from '../log-format/types';
import { checkBase64, checkPositive, count, data, finite, frameKey, positive, short } from './checks';
import { payloadEvent } from './payload-event';
import { ImportError, type ImportedConnection, type ImportedEvent, type ImportedSession, isRecord } from './types';

const frame = object({
  key: frameKey,
  url: short,
  top: bool,
  frameId: int,
  startedAt: finite,
  /** A worker seen through Deep capture (its connections are labelled with it). */
  worker: optional(workerKind),
  missing: count,
  counters: object({
    rejected: count,
    faults: count,
    trimmedBodies: count,
    trimmedBytes: count,
    droppedEvents: count,
    lastError: optional(short),
  }),
});

const connection = object({
  frame: frameKey,
  conn: int,
  ordinal: positive,
  url: short,
  api: optional(socketApi),
  frameUrl: short,
  protocols: arrayOf(short, 64),
  stack: short,
  protocol: short,
  extensions: short,
  state: literal('connecting', 'open', 'closing', 'closed'),
  createdAt: finite,
  openedAt: optional(finite),
  closedAt: optional(finite),
  close: optional(object({ code: int, reason: short, wasClean: bool })),
  decodedAs: optional(object({ protocol: short, by: short })),
});

const checkHead = checker(
  object({
    kind: literal('create', 'open', 'send', 'receive', 'send-fail', 'error', 'close', 'close-call', 'action', 'gap', 'held', 'rule-error'),
    time: finite,
    frame: frameKey,
    conn: int,
    seq: positive,
  }),
);

const checkPayload = checker(
  object({
    encoding: literal('text', 'base64'),
    data,
    size: optional(count),
    trimmed: optional(bool),
    hash: optional(frameKey),
    injected: optional(bool),
    error: optional(short),
  }),
);

/** What message rules left on a message or a held frame (checked as the panel checks live events). */
const checkRuleFields = checker(
  object({ fx: optional(ruleEffect), from: optional(resentFrom), hold: optional(int), ruleId: optional(int) }),
);

const checkFrames = checker(arrayOf(frame, 10_000));
const checkConnections = checker(arrayOf(connection, 1_000_000));

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The common case, a send or receive message, checked field by field without the general checks,
 * which copy every field into a new object (a log may hold millions). Anything unusual returns null and
 * goes through the general checks, which also word the error.
 */
function fastMessage(raw: unknown): ImportedEvent | null {
  if (!isRecord(raw)) return null;
  const { kind, time, frame, conn, seq, encoding, data, size, trimmed, hash, injected } = raw;
  if (kind !== 'send' && kind !== 'receive') return null;
  if (typeof time !== 'number' || !Number.isFinite(time) || typeof frame !== 'string' || frame.length > 64) return null;
  if (!Number.isSafeInteger(conn) || !Number.isSafeInteger(seq) || (seq as number) < 1) return null;
  if (!Number.isSafeInteger(size) || (size as number) < 0 || typeof trimmed !== 'boolean' || typeof data !== 'string') return null;
  if (hash !== undefined || (injected !== undefined && typeof injected !== 'boolean')) return null;
  if (raw.fx !== undefined || raw.from !== undefined) return null;
  if (encoding !== 'text' && !(encoding === 'base64' && BASE64.test(data))) return null;
  const event: WireEvent = {
    seq: seq as number,
    conn: conn as number,
    t: time,
    k: 'msg',
    dir: kind === 'receive' ? 'recv' : 'send',
    binary: encoding === 'base64',
    size: size as number,
    preview: data,
    complete: !trimmed,
  };
  if (injected) event.injected = true;
  return { frame, event };
}

export function convertLogEvent(raw: unknown, index: number): ImportedEvent {
  const fast = fastMessage(raw);
  if (fast) return fast;
  const path = `events[${index}]`;
  const head = checkHead(raw, path);
  const base = { seq: head.seq, conn: head.conn, t: head.time };
  if (head.kind === 'gap')
    return {
      frame: head.frame,
      gap: checkPositive((raw as Record<string, unknown>).missing, `${path}.missing`),
      seq: head.seq,
      t: head.time,
    };
  if (head.kind === 'send' || head.kind === 'receive' || head.kind === 'send-fail' || head.kind === 'held') {
    const p = checkPayload(raw, path);
    const binary = p.encoding === 'base64';
    if (binary) checkBase64(p.data, `${path}.data`);
    const k = head.kind === 'send-fail' ? 'send-fail' : head.kind === 'held' ? 'held' : 'msg';
    const received = head.kind === 'receive' || (head.kind === 'held' && (raw as Record<string, unknown>).direction === 'receive');
    const event: WireEvent = {
      seq: head.seq,
      ...payloadEvent({ k, conn: head.conn, t: head.time, dir: received ? 'recv' : 'send' }, { ...p, binary }),
    };
    if (head.kind === 'send-fail' && p.error !== undefined) event.error = p.error;
    if (head.kind !== 'send-fail') {
      const rule = checkRuleFields(raw, path);
      if (k === 'msg' && rule.fx) event.fx = rule.fx;
      if (k === 'msg' && rule.from) event.from = rule.from;
      if (k === 'held' && rule.hold !== undefined) event.hold = rule.hold;
      if (k === 'held' && rule.ruleId !== undefined) event.ruleId = rule.ruleId;
    }
    return { frame: head.frame, event };
  }
  // A lifecycle event carries the captured event's fields as they were: checked as the panel checks those.
  const fields: Record<string, unknown> = { ...base, k: head.kind };
  for (const key of [...LIFECYCLE_FIELDS, 'injected', 'ruleId'] as const) fields[key] = (raw as Record<string, unknown>)[key];
  return { frame: head.frame, event: checkWireEvent(fields, path) };
}

export function logToSession(doc: Record<string, unknown>): ImportedSession {
  if (doc.version !== LOG_VERSION) {
    throw new ImportError(
      typeof doc.version === 'number' && doc.version > LOG_VERSION
        ? `This log is version ${doc.version}, written by a newer SocketScope; this one reads version ${LOG_VERSION}.`
        : `Unsupported ${LOG_FORMAT} version: ${JSON.stringify(doc.version)?.slice(0, 20)}`,
    );
  }
  const frames: LoggedFrame[] = checkFrames(doc.frames, 'frames').map(({ missing, counters, ...info }) => ({
    info,
    missing,
    counters,
  }));
  const connections: ImportedConnection[] = checkConnections(doc.connections, 'connections');
  const known = new Set(frames.map((f) => f.info.key));
  connections.forEach((c, i) => {
    if (!known.has(c.frame)) throw new ImportError(`connections[${i}].frame: no document ${JSON.stringify(c.frame)} in "frames"`);
  });
  if (!Array.isArray(doc.events)) throw new ImportError('events: expected an array');
  if (!isRecord(doc.creator) && doc.creator !== undefined) throw new ImportError('creator: expected an object');
  return { source: 'SocketScope log', frames, connections, events: doc.events, convert: convertLogEvent, notes: [] };
}
