/**
 * Reads WebSocket traffic from a HAR file, as Chrome DevTools (or SocketScope) writes it: entries
 * with `_resourceType: "websocket"` and their `_webSocketMessages`. Every other entry is ignored.
 * HAR has no document identity, so each page becomes a synthetic document ("har-1", …).
 */
import { LIMITS } from '../../shared/limits';
import { ruleEffect } from '../../shared/message-rules';
import type { WireEvent } from '../../shared/protocol';
import { anything, arrayOf, int, literal, object, optional } from '../../shared/schema';
import { checker } from '../../shared/validate';
import type { LoggedFrame } from '../log-format/types';
import { checkBase64, checkShort, count, data, finite, frameKey, short } from './checks';
import { payloadEvent } from './payload-event';
import { ImportError, type ImportedConnection, type ImportedEvent, type ImportedSession, isRecord } from './types';

const message = object({
  type: literal('send', 'receive'),
  time: finite,
  opcode: int,
  data,
  _trimmed: optional((v) => v === true),
  _size: optional(count),
  _hash: optional(frameKey),
  _injected: optional((v) => v === true),
  _ruleEffect: optional(ruleEffect),
});

const checkMessages = checker(arrayOf(message, 10_000_000));
const checkClose = checker(object({ time: finite, code: int, reason: short, wasClean: (v) => v === true }));
const checkEntries = checker(arrayOf(anything, 5_000_000));
const checkPages = checker(arrayOf(anything, 100_000));

const ZERO = { rejected: 0, faults: 0, trimmedBodies: 0, trimmedBytes: 0, droppedEvents: 0 };

function header(headers: unknown, name: string): string {
  if (!Array.isArray(headers)) return '';
  const found = headers.find((h) => isRecord(h) && typeof h.name === 'string' && h.name.toLowerCase() === name.toLowerCase());
  return isRecord(found) && typeof found.value === 'string' ? found.value.slice(0, LIMITS.shortText) : '';
}

function time(value: unknown, path: string): number {
  const t = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(t)) throw new ImportError(`${path}: expected an ISO date`);
  return t;
}

const isWebSocket = (e: Record<string, unknown>) => e._resourceType === 'websocket' || Array.isArray(e._webSocketMessages);

// Lifecycle before traffic at equal times, so that sorting by time keeps a connection's story in order.
const RANK: Record<string, number> = { create: 0, open: 1, msg: 2, close: 3 };

export function harToSession(doc: Record<string, unknown>): ImportedSession {
  const log = doc.log as Record<string, unknown>;
  const entries = checkEntries(log.entries, 'log.entries');
  const pages = log.pages === undefined ? [] : checkPages(log.pages, 'log.pages');
  const frames: LoggedFrame[] = [];
  const frameOfPage = new Map<string, string>();
  const frameFor = (pageref: unknown, startedAt: number): string => {
    const known = typeof pageref === 'string' ? frameOfPage.get(pageref) : undefined;
    if (known) return known;
    const key = 'har-0';
    if (!frames.some((f) => f.info.key === key))
      frames.push({ info: { key, url: '', top: true, frameId: 0, startedAt }, missing: 0, counters: ZERO });
    return key;
  };
  pages.forEach((page, i) => {
    if (!isRecord(page) || typeof page.id !== 'string') return;
    const key = `har-${i + 1}`;
    frameOfPage.set(page.id, key);
    const url = typeof page.title === 'string' ? page.title.slice(0, LIMITS.shortText) : '';
    const startedAt = Date.parse(String(page.startedDateTime));
    frames.push({
      info: { key, url, top: true, frameId: 0, startedAt: Number.isFinite(startedAt) ? startedAt : 0 },
      missing: 0,
      counters: ZERO,
    });
  });

  const connections: ImportedConnection[] = [];
  const events: { frame: string; event: Omit<WireEvent, 'seq'> }[] = [];
  let ignored = 0;
  let skippedFrames = 0;
  for (let i = 0; i < entries.length; i++) {
    const raw = entries[i];
    const path = `log.entries[${i}]`;
    if (!isRecord(raw) || !isWebSocket(raw)) {
      ignored++;
      continue;
    }
    const request = isRecord(raw.request) ? raw.request : {};
    const response = isRecord(raw.response) ? raw.response : {};
    const url = checkShort(request.url, `${path}.request.url`);
    const createdAt = time(raw.startedDateTime, `${path}.startedDateTime`);
    const frame = frameFor(raw.pageref, createdAt);
    const conn = connections.length + 1;
    const messages = checkMessages(raw._webSocketMessages ?? [], `${path}._webSocketMessages`);
    let firstMessage = Number.POSITIVE_INFINITY;
    for (const m of messages) firstMessage = Math.min(firstMessage, m.time * 1000);
    const opened = response.status === 101;
    const handshake = typeof raw.time === 'number' && Number.isFinite(raw.time) ? Math.max(0, raw.time) : 0;
    const openedAt = Math.max(createdAt, Math.min(createdAt + handshake, firstMessage));
    const protocols = header(request.headers, 'Sec-WebSocket-Protocol')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const info = { url, frameUrl: frames.find((f) => f.info.key === frame)?.info.url ?? '', protocols, stack: '' };
    const protocol = header(response.headers, 'Sec-WebSocket-Protocol');
    const extensions = header(response.headers, 'Sec-WebSocket-Extensions');
    connections.push({ frame, conn, ...info, protocol, extensions, createdAt });
    events.push({ frame, event: { k: 'create', conn, t: createdAt, ...info } });
    if (opened) events.push({ frame, event: { k: 'open', conn, t: openedAt, protocol, extensions } });
    for (let j = 0; j < messages.length; j++) {
      const m = messages[j];
      // Control frames (ping, pong, close) are not messages the page saw.
      if (m.opcode !== 1 && m.opcode !== 2) {
        skippedFrames++;
        continue;
      }
      const binary = m.opcode === 2;
      if (binary) checkBase64(m.data, `${path}._webSocketMessages[${j}].data`);
      const head = { k: 'msg', conn, t: m.time * 1000, dir: m.type === 'send' ? 'send' : 'recv' } as const;
      const payload = { data: m.data, binary, size: m._size, trimmed: m._trimmed, hash: m._hash, injected: m._injected };
      const event = payloadEvent(head, payload);
      if (m._ruleEffect) event.fx = m._ruleEffect;
      events.push({ frame, event });
    }
    if (raw._webSocketClose !== undefined) {
      const c = checkClose(raw._webSocketClose, `${path}._webSocketClose`);
      events.push({ frame, event: { k: 'close', conn, t: c.time * 1000, code: c.code, reason: c.reason, wasClean: c.wasClean } });
    }
  }
  if (connections.length === 0) throw new ImportError('This HAR file has no WebSocket entries (_resourceType "websocket").');

  const ordered = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.event.t - b.e.event.t || RANK[a.e.event.k] - RANK[b.e.event.k] || a.i - b.i);
  const nextSeq = new Map<string, number>();
  const imported: ImportedEvent[] = ordered.map(({ e }) => {
    const seq = (nextSeq.get(e.frame) ?? 0) + 1;
    nextSeq.set(e.frame, seq);
    return { frame: e.frame, event: { ...e.event, seq } as WireEvent };
  });
  const notes: string[] = [];
  if (ignored) notes.push(`${ignored} non-WebSocket entr${ignored === 1 ? 'y' : 'ies'} ignored`);
  if (skippedFrames) notes.push(`${skippedFrames} control frame(s) skipped`);
  return { source: 'HAR', frames, connections, events: imported, convert: (raw) => raw as ImportedEvent, notes };
}
