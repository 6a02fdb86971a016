/**
 * The whole-payload search's state, for the toolbar and the filter: one search at a time, for the
 * filter text and regex setting it was started with. Its matches apply only while the filter still
 * says the same thing and the same capture is shown.
 */
import { signal } from '@preact/signals';
import type { FetchPayload } from '../export/types';
import type { Capture } from '../state/model';
import { runFullSearch, type SearchOutcome } from './full-search';
import type { SearchQuery } from './match-texts';
import { type BatchMatcher, createWorkerMatcher } from './worker-matcher';

/** Weakly held: an imported capture closed after a search must not stay alive through the search's state. */
type Of = WeakRef<Capture>;

export type SearchState =
  | { status: 'idle' }
  | { status: 'running'; query: SearchQuery; capture: Of; done: number; total: number }
  | { status: 'done'; query: SearchQuery; capture: Of; outcome: SearchOutcome }
  | { status: 'failed'; query: SearchQuery; capture: Of; message: string }
  | { status: 'cancelled'; query: SearchQuery; capture: Of };

export const fullSearch = signal<SearchState>({ status: 'idle' });

let running: { controller: AbortController; matcher: BatchMatcher } | null = null;

export const sameQuery = (a: SearchQuery, b: SearchQuery): boolean => a.text === b.text && a.regex === b.regex;

/** The search's state if it is about this query and capture, else idle. */
export function searchFor(query: SearchQuery, capture: Capture): SearchState {
  const state = fullSearch.value;
  return state.status !== 'idle' && state.capture.deref() === capture && sameQuery(state.query, query) ? state : { status: 'idle' };
}

export function cancelFullSearch(): void {
  if (!running) return;
  running.controller.abort();
  running.matcher.dispose();
  running = null;
  const state = fullSearch.peek();
  if (state.status === 'running') fullSearch.value = { status: 'cancelled', query: state.query, capture: state.capture };
}

export async function startFullSearch(
  query: SearchQuery,
  capture: Capture,
  fetchPayload: FetchPayload | null,
  makeMatcher: (query: SearchQuery) => BatchMatcher = createWorkerMatcher,
): Promise<void> {
  cancelFullSearch();
  if (!query.text) {
    fullSearch.value = { status: 'idle' };
    return;
  }
  const controller = new AbortController();
  const matcher = makeMatcher(query);
  const mine = { controller, matcher };
  running = mine;
  const of = new WeakRef(capture);
  fullSearch.value = { status: 'running', query, capture: of, done: 0, total: 0 };
  const current = () => running === mine;
  try {
    const outcome = await runFullSearch(capture.rows.slice(), {
      fetchPayload,
      match: matcher.match,
      signal: controller.signal,
      onProgress: (done, total) => {
        if (current()) fullSearch.value = { status: 'running', query, capture: of, done, total };
      },
    });
    if (current()) fullSearch.value = { status: 'done', query, capture: of, outcome };
  } catch (error) {
    // A cancelled search was already reported by cancelFullSearch; a newer search owns the state.
    if (current()) fullSearch.value = { status: 'failed', query, capture: of, message: (error as Error).message };
  } finally {
    if (current()) {
      matcher.dispose();
      running = null;
    }
  }
}
