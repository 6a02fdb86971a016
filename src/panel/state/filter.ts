/**
 * Timeline filters, as pure functions: a filter spec compiles to a predicate, or to an error message
 * that the toolbar shows (an invalid regex is a user mistake, not an exception).
 */
import type { DecodedMessage, DecodeResult } from '../decode/types';
import type { FullMatches } from '../search/full-search';
import { riskyPattern } from '../search/risky-pattern';
import { matchesFields, splitFieldTerms } from './field-filter';
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
  // A held frame is found by its data, a rule error by what went wrong (neither is a message).
  if (row.k === 'held') return row.binary ? '' : (row.preview ?? '');
  if (row.k === 'rule-error') return row.error ?? '';
  return '';
};

/** Tests a row's searchable text: its preview, or the whole-payload search's verdict where it searched the row. */
function textMatcher(
  spec: FilterSpec,
  matches: FullMatches | null,
): { ok: true; test: ((row: Row) => boolean) | null } | { ok: false; error: string } {
  if (!spec.text) return { ok: true, test: null };
  let preview: ((text: string) => boolean) | null;
  if (spec.regex) {
    let re: RegExp;
    try {
      re = new RegExp(spec.text, 'i');
    } catch (error) {
      return { ok: false, error: `Invalid regular expression: ${(error as Error).message}` };
    }
    const risk = riskyPattern(spec.text);
    if (risk && !matches)
      return {
        ok: false,
        error: `Not run on previews: ${risk}. Press Enter to search whole payloads, where it is stopped if it runs away.`,
      };
    preview = risk ? null : (text) => re.test(text);
  } else {
    const needle = spec.text.toLowerCase();
    preview = (text) => text.toLowerCase().includes(needle);
  }
  const searched = (row: Row): boolean =>
    matches !== null && (row.k === 'msg' || row.k === 'send-fail') && (matches.covered.get(row.frame) ?? -1) >= row.seq;
  return {
    ok: true,
    test: (row) => {
      if (searched(row)) return matches!.matched.get(row.frame)?.has(row.seq) ?? false;
      return preview ? preview(searchable(row)) : false;
    },
  };
}

/** A row's messages decoded with its connection's protocol (null when it has none). */
export type DecodedOf = (row: Row) => DecodeResult | null;

/** The filter text as the preview filter and the whole-payload search read it: without its field terms. */
export const textQuery = (spec: Pick<FilterSpec, 'text' | 'regex'>) => ({
  text: splitFieldTerms(spec.text, spec.regex).rest,
  regex: spec.regex,
});

function decodedMessages(row: Row, decoded: DecodedOf | null): DecodedMessage[] {
  const result = decoded?.(row);
  return result?.ok ? result.messages : [];
}

/**
 * `matches`: the whole-payload search's result for this spec's text, when there is one.
 * `decoded`: decodes a row, for field terms (`event:chat`) and decoded heartbeats.
 */
export function compileFilter(spec: FilterSpec, matches: FullMatches | null = null, decoded: DecodedOf | null = null): Compiled {
  const { terms, rest } = splitFieldTerms(spec.text, spec.regex);
  const text = textMatcher({ ...spec, text: rest }, matches);
  if (!text.ok) return text;
  const textTest = text.test;
  const matcher =
    terms.length === 0
      ? textTest
      : (row: Row) => matchesFields(decodedMessages(row, decoded), terms) && (textTest === null || textTest(row));
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
        const messages = decodedMessages(row, decoded);
        if (messages.length > 0 && messages.every((message) => message.heartbeat)) return false;
      }
      if (!matcher) return true;
      return matcher(row) !== spec.invert;
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
