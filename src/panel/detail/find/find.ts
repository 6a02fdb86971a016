/**
 * Find in the Details pane: where a query occurs in a payload's text, and how to cut a string into
 * plain and highlighted pieces. The query is literal text (escaped into a RegExp only for case folding),
 * so no user pattern can backtrack catastrophically; the match count is capped so a one-letter query
 * over a 100 MB body stays cheap to hold and to render.
 */

export const MAX_MATCHES = 10_000;

export interface Matches {
  /** UTF-16 offsets where a match starts, ascending, non-overlapping. */
  starts: number[];
  length: number;
  /** More matches exist than `starts` holds. */
  capped: boolean;
}

export const NO_MATCHES: Matches = { starts: [], length: 0, capped: false };

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A case-insensitive literal matcher, or null for an empty query. */
export function literalMatcher(query: string): RegExp | null {
  return query === '' ? null : new RegExp(escapeRegExp(query), 'gi');
}

export function findMatches(text: string, query: string, max = MAX_MATCHES): Matches {
  const matcher = literalMatcher(query);
  if (!matcher) return NO_MATCHES;
  const starts: number[] = [];
  for (let m = matcher.exec(text); m !== null; m = matcher.exec(text)) {
    if (starts.length === max) return { starts, length: query.length, capped: true };
    // Without the u flag, case folding maps one code unit to one: every match is as long as the query,
    // and exec moves past it.
    starts.push(m.index);
  }
  return { starts, length: query.length, capped: false };
}

/** A test for "contains the query, ignoring case", built once for many texts. */
export function containsQuery(query: string): (text: string) => boolean {
  if (query === '') return () => false;
  const matcher = new RegExp(escapeRegExp(query), 'i');
  return (text) => matcher.test(text);
}

export interface Piece {
  text: string;
  /** Index of the match this piece belongs to, or -1 for plain text. */
  match: number;
}

/**
 * Cuts `text[from, to)` into plain and matched pieces. A match that straddles an edge is cut at it, so the
 * visible part of it is still marked.
 */
export function cutPieces(text: string, from: number, to: number, matches: Matches): Piece[] {
  const pieces: Piece[] = [];
  let at = from;
  let i = firstEndingAfter(matches.starts, matches.length, from);
  for (; i < matches.starts.length && matches.starts[i] < to; i++) {
    const start = Math.max(from, matches.starts[i]);
    const end = Math.min(to, matches.starts[i] + matches.length);
    if (start > at) pieces.push({ text: text.slice(at, start), match: -1 });
    pieces.push({ text: text.slice(start, end), match: i });
    at = end;
  }
  if (at < to) pieces.push({ text: text.slice(at, to), match: -1 });
  return pieces;
}

/** Index of the first match that ends after `offset` (binary search: the starts are sorted). */
function firstEndingAfter(starts: number[], length: number, offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] + length <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The next (or previous) match index, wrapping around; -1 when there is none. */
export function stepMatch(current: number, count: number, backwards: boolean): number {
  if (count === 0) return -1;
  if (current < 0) return backwards ? count - 1 : 0;
  return (current + (backwards ? count - 1 : 1)) % count;
}

/** "3 of 17", with the cap said when there are more. */
export function describeMatches(current: number, count: number, capped: boolean): string {
  if (count === 0) return 'No matches';
  const total = `${count.toLocaleString('en-US')}${capped ? '+' : ''}`;
  return current < 0 ? `${total} matches` : `${(current + 1).toLocaleString('en-US')} of ${total}`;
}
