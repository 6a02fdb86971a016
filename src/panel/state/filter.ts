/**
 * Timeline filters, as pure functions: a filter spec compiles to a predicate, or to an error message
 * that the toolbar shows (an invalid regex is a user mistake, not an exception).
 */
import type { Row } from './model';

export type DirectionFilter = 'all' | 'send' | 'recv';

export interface FilterSpec {
  text: string;
  regex: boolean;
  invert: boolean;
  direction: DirectionFilter;
  /** A connection key, or 'all'. */
  connection: string;
  /** Connection keys whose rows are hidden ("Hide this connection" in a row's menu). */
  hiddenConnections: readonly string[];
  /** Hide lifecycle rows (create, open, close, error) and keep only messages. */
  messagesOnly: boolean;
  hideHeartbeats: boolean;
  /** Each pattern is a regex matched against a message's preview. */
  heartbeatPatterns: string[];
}

export const DEFAULT_HEARTBEATS = ['^(ping|pong)$', '"type"\\s*:\\s*"(ping|pong|heartbeat)"', '^[23]$'];

export const DEFAULT_FILTER: FilterSpec = {
  text: '',
  regex: false,
  invert: false,
  direction: 'all',
  connection: 'all',
  hiddenConnections: [],
  messagesOnly: false,
  hideHeartbeats: false,
  heartbeatPatterns: DEFAULT_HEARTBEATS,
};

export type Compiled = { ok: true; test: (row: Row, connectionKey: string) => boolean } | { ok: false; error: string };

const searchable = (row: Row): string => {
  if (row.k === 'gap') return '';
  if (row.k === 'msg' || row.k === 'send-fail') return row.preview ?? '';
  if (row.k === 'create') return row.url ?? '';
  if (row.k === 'close' || row.k === 'close-call') return `${row.code ?? ''} ${row.reason ?? ''}`;
  return '';
};

export function compileFilter(spec: FilterSpec): Compiled {
  let matcher: ((text: string) => boolean) | null = null;
  if (spec.text) {
    if (spec.regex) {
      try {
        const re = new RegExp(spec.text, 'i');
        matcher = (text) => re.test(text);
      } catch (error) {
        return { ok: false, error: `Invalid regular expression: ${(error as Error).message}` };
      }
    } else {
      const needle = spec.text.toLowerCase();
      matcher = (text) => text.toLowerCase().includes(needle);
    }
  }
  let heartbeats: RegExp[] = [];
  if (spec.hideHeartbeats) {
    try {
      heartbeats = spec.heartbeatPatterns.filter((p) => p.trim()).map((p) => new RegExp(p));
    } catch (error) {
      return { ok: false, error: `Invalid heartbeat pattern: ${(error as Error).message}` };
    }
  }
  const hidden = spec.hiddenConnections.length > 0 ? new Set(spec.hiddenConnections) : null;
  return {
    ok: true,
    test(row, key) {
      if (spec.connection !== 'all' && key !== spec.connection) return false;
      if (hidden?.has(key)) return false;
      const isMessage = row.k === 'msg' || row.k === 'send-fail';
      if (spec.messagesOnly && !isMessage) return false;
      if (spec.direction !== 'all' && (!isMessage || row.dir !== spec.direction)) return false;
      if (isMessage && heartbeats.length > 0) {
        const preview = row.preview ?? '';
        if (!row.binary && heartbeats.some((re) => re.test(preview))) return false;
      }
      if (!matcher) return true;
      return matcher(searchable(row)) !== spec.invert;
    },
  };
}

/** The spec with `key` hidden; showing only that connection is undone, since it would leave nothing. */
export function hideConnection(spec: FilterSpec, key: string): FilterSpec {
  if (spec.hiddenConnections.includes(key)) return spec;
  return { ...spec, connection: spec.connection === key ? 'all' : spec.connection, hiddenConnections: [...spec.hiddenConnections, key] };
}

/** The spec showing only `key`; a hidden connection shown this way is no longer hidden. */
export function onlyConnection(spec: FilterSpec, key: string): FilterSpec {
  return { ...spec, connection: key, hiddenConnections: spec.hiddenConnections.filter((k) => k !== key) };
}

/** Indices of the rows that pass, in order. */
export function applyFilter(rows: readonly Row[], test: (row: Row, key: string) => boolean): Uint32Array {
  const out = new Uint32Array(rows.length);
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (test(row, `${row.frame}:${row.conn}`)) out[n++] = i;
  }
  return out.subarray(0, n);
}
