/**
 * Reads the simple log of LoggedWebSocket.exportLogs(): an array of `{timestamp, type, data}` with
 * type OPEN, SEND, RECEIVE, CLOSE or ERROR. It has no URL and no connection identity, so it becomes
 * one connection in one synthetic document; a new OPEN after a CLOSE starts a new connection.
 */
import { utf8Length } from '../../shared/codec';
import type { WireEvent } from '../../shared/protocol';
import { literal, object } from '../../shared/schema';
import { checker } from '../../shared/validate';
import { short } from './checks';
import { ImportError, type ImportedConnection, type ImportedEvent, type ImportedSession } from './types';

const checkEntry = checker(
  object({
    timestamp: short,
    type: literal('OPEN', 'SEND', 'RECEIVE', 'CLOSE', 'ERROR'),
    data: (v) => v,
  }),
);

const FRAME = 'seed';
const URL = '(unknown: LoggedWebSocket logs do not record it)';

/** The seed logs `data` as given: a string, or anything JSON (its send() accepted objects). */
const asText = (data: unknown): string => (typeof data === 'string' ? data : (JSON.stringify(data) ?? ''));

export function seedToSession(list: unknown[]): ImportedSession {
  if (list.length > 10_000_000) throw new ImportError('The log has more than 10,000,000 entries.');
  const connections: ImportedConnection[] = [];
  const events: ImportedEvent[] = [];
  let conn = 0;
  let open = false;
  let seq = 0;
  const push = (event: Omit<WireEvent, 'seq' | 'conn'>) =>
    events.push({ frame: FRAME, event: { ...event, conn, seq: ++seq } as WireEvent });
  list.forEach((raw, i) => {
    const entry = checkEntry(raw, `[${i}]`);
    const t = Date.parse(entry.timestamp);
    if (!Number.isFinite(t)) throw new ImportError(`[${i}].timestamp: expected an ISO date`);
    if (conn === 0 || (entry.type === 'OPEN' && !open)) {
      conn++;
      connections.push({
        frame: FRAME,
        conn,
        url: URL,
        frameUrl: '',
        protocols: [],
        stack: '',
        protocol: '',
        extensions: '',
        createdAt: t,
      });
      push({ k: 'create', t, url: URL, protocols: [], frameUrl: '', stack: '' });
    }
    const text = asText(entry.data);
    switch (entry.type) {
      case 'OPEN':
        open = true;
        push({ k: 'open', t, protocol: '', extensions: '' });
        break;
      case 'SEND':
      case 'RECEIVE':
        push({
          k: 'msg',
          t,
          dir: entry.type === 'SEND' ? 'send' : 'recv',
          binary: false,
          size: utf8Length(text),
          preview: text,
          complete: true,
        });
        break;
      case 'CLOSE': {
        open = false;
        const m = /Code:\s*(\d+),\s*(?:Raison|Reason):\s*(.*)$/s.exec(text);
        push({ k: 'close', t, code: m ? Number(m[1]) : 1005, reason: m ? m[2] : text, wasClean: m?.[1] === '1000' });
        break;
      }
      case 'ERROR':
        push({ k: 'error', t });
        break;
    }
  });
  if (events.length === 0) throw new ImportError('The log is empty.');
  const frames = [
    {
      info: { key: FRAME, url: '', top: true, frameId: 0, startedAt: connections[0].createdAt },
      missing: 0,
      counters: { rejected: 0, faults: 0, trimmedBodies: 0, trimmedBytes: 0, droppedEvents: 0 },
    },
  ];
  return { source: 'LoggedWebSocket log', frames, connections, events, convert: (raw) => raw as ImportedEvent, notes: [] };
}
