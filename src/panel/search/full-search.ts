/**
 * The whole-payload search over a capture's messages. Rows whose preview is the whole payload are
 * tested as they are; longer payloads are fetched from the relay that holds them, a few at a time.
 * Matching happens in batches (in a worker, see worker-matcher.ts), with progress and cancellation.
 */
import type { PayloadBody } from '../../shared/protocol';
import type { FetchPayload } from '../export/types';
import type { Row } from '../state/model';
import type { SearchItem } from './match-texts';
import type { MatchBatch } from './worker-matcher';

/** Which messages matched, and which were searched (by document: every seq up to `covered`). */
export interface FullMatches {
  matched: Map<string, Set<number>>;
  covered: Map<string, number>;
}

export interface SearchOutcome extends FullMatches {
  searched: number;
  matches: number;
  /** Messages the page hook cut at its 1 MiB cap: only that first part was searched. */
  trimmedAtCapture: number;
  /** Long messages whose body the relay no longer held (or could not send): searched in their preview. */
  previewOnly: number;
}

export interface SearchOptions {
  /** Null for an imported capture, whose rows already hold all that exists of each payload. */
  fetchPayload: FetchPayload | null;
  match: MatchBatch;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Bodies fetched at once: enough to hide the round trip, few enough not to flood the relay. */
  concurrency?: number;
}

/** A batch stays small enough that the worker answers it quickly, so progress and cancel stay responsive. */
const BATCH_ITEMS = 16_384;
const BATCH_CHARS = 4 << 20;

type PayloadRow = Row & { k: 'msg' | 'send-fail' };

const isPayload = (row: Row): row is PayloadRow => row.k === 'msg' || row.k === 'send-fail';
const previewItem = (row: PayloadRow): SearchItem => (row.binary ? { base64: row.preview ?? '' } : { text: row.preview ?? '' });
const charsOf = (item: SearchItem): number => ('text' in item ? item.text.length : item.base64.length);

function bodyItem(body: PayloadBody): SearchItem | null {
  if ('text' in body) return { text: body.text };
  if ('base64' in body) return { base64: body.base64 };
  return null;
}

export function cancelled(): Error {
  return new DOMException('Search cancelled', 'AbortError');
}

export async function runFullSearch(rows: readonly Row[], options: SearchOptions): Promise<SearchOutcome> {
  const { fetchPayload, match, signal, onProgress } = options;
  const outcome: SearchOutcome = { matched: new Map(), covered: new Map(), searched: 0, matches: 0, trimmedAtCapture: 0, previewOnly: 0 };
  const whole: PayloadRow[] = [];
  const long: PayloadRow[] = [];
  for (const row of rows) {
    if (!isPayload(row)) continue;
    (row.complete || !fetchPayload ? whole : long).push(row);
    if (row.hash) outcome.trimmedAtCapture++;
    const covered = outcome.covered.get(row.frame);
    if (covered === undefined || row.seq > covered) outcome.covered.set(row.frame, row.seq);
  }
  const total = whole.length + long.length;
  onProgress?.(0, total);

  let batchRows: PayloadRow[] = [];
  let texts: string[] = [];
  let binary = new Uint8Array(BATCH_ITEMS);
  let batchChars = 0;
  const flush = async () => {
    if (texts.length === 0) return;
    const rowsNow = batchRows;
    const batch = { texts, binary: binary.subarray(0, texts.length) };
    batchRows = [];
    texts = [];
    binary = new Uint8Array(BATCH_ITEMS);
    batchChars = 0;
    const found = await match(batch);
    if (signal?.aborted) throw cancelled();
    for (let i = 0; i < rowsNow.length; i++) {
      if (!found[i]) continue;
      const row = rowsNow[i];
      const seqs = outcome.matched.get(row.frame) ?? new Set<number>();
      outcome.matched.set(row.frame, seqs.add(row.seq));
      outcome.matches++;
    }
    outcome.searched += rowsNow.length;
    onProgress?.(outcome.searched, total);
  };
  /** Returns whether the batch is full. */
  const add = (row: PayloadRow, item: SearchItem): boolean => {
    batchRows.push(row);
    const isBinary = 'base64' in item;
    binary[texts.length] = isBinary ? 1 : 0;
    texts.push(isBinary ? item.base64 : item.text);
    batchChars += charsOf(item);
    return texts.length >= BATCH_ITEMS || batchChars >= BATCH_CHARS;
  };

  if (signal?.aborted) throw cancelled();
  for (const row of whole) if (add(row, previewItem(row))) await flush();
  await flush();

  const concurrency = options.concurrency ?? 6;
  for (let start = 0; start < long.length; start += concurrency) {
    if (signal?.aborted) throw cancelled();
    const chunk = long.slice(start, start + concurrency);
    const bodies = await Promise.all(chunk.map((row) => fetchPayload!(row.frame, row.seq).catch(() => null)));
    if (signal?.aborted) throw cancelled();
    for (let i = 0; i < chunk.length; i++) {
      const body = bodies[i];
      const item = body ? bodyItem(body) : null;
      if (!item) outcome.previewOnly++;
      if (add(chunk[i], item ?? previewItem(chunk[i]))) await flush();
    }
  }
  await flush();
  return outcome;
}
