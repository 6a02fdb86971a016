/**
 * The panel's signals. The Capture itself is a plain object mutated by the reducers; `version`
 * is bumped (at most once per animation frame) so that views re-read it.
 */
import { batch, computed, signal } from '@preact/signals';
import { searchFor } from '../search/search-state';
import { decodedRow, forgetDecodedRows, originSettings } from './decoding';
import { applyFilter, compileFilter, DEFAULT_FILTER, type FilterSpec, textQuery } from './filter';
import { appendIndices } from './index-list';
import { emptyCapture, type Row } from './model';
import { protobufSettings } from './protobuf-choices';

export const capture = signal(emptyCapture());
export const version = signal(0);
export const filter = signal<FilterSpec>(DEFAULT_FILTER);
/** The selected row object (stable while rows are appended). */
export const selectedRow = signal<Row | null>(null);
export const theme = signal<'light' | 'dark'>('light');
/** How many times the link to the background was made again (the service worker was stopped): what was sent while it was down is lost. */
export const relinks = signal(0);
/** Set (with selectedRow) to make the timeline scroll the selected row into view; the timeline resets it. */
export const scrollRequest = signal(false);

/** The rows array the views were last told about. */
let rowsSeen = capture.peek().rows;

/**
 * Clear, a navigation (without Preserve log), the row cap and an import replace capture.rows; what
 * still points into the old rows must let go of them, or a million-row capture stays in memory behind
 * a near-empty timeline (the bench's empty capture after a navigation: 160 MB):
 * - a selected row of a document a navigation dropped: the capture object stays the same then, so the
 *   Details pane was never re-rendered, and its last render (the Decoded tab's `rows`) held the old array;
 * - the decoded-rows cache, keyed by row objects.
 */
function releaseReplacedRows(): void {
  const { rows, frames } = capture.peek();
  if (rows === rowsSeen) return;
  rowsSeen = rows;
  forgetDecodedRows();
  const selected = selectedRow.peek();
  if (selected && !frames.has(selected.frame)) selectedRow.value = null;
}

let bumpScheduled = false;
export function markChanged(): void {
  if (bumpScheduled) return;
  bumpScheduled = true;
  const bump = () => {
    bumpScheduled = false;
    batch(() => {
      releaseReplacedRows();
      version.value++;
    });
  };
  // Hidden panels get no animation frames; a timer keeps the model current there.
  if (document.visibilityState === 'visible') requestAnimationFrame(bump);
  else setTimeout(bump, 100);
}

/** The whole-payload search's matches for the filter's current text, in the capture shown, if it ran. */
export const activeMatches = computed(() => {
  const state = searchFor(textQuery(filter.value), capture.value);
  return state.status === 'done' ? state.outcome : null;
});

export const compiledFilter = computed(() => {
  originSettings.value; // a "Decode as" or id-path change re-decodes rows
  protobufSettings.value;
  const connections = capture.value.connections;
  return compileFilter(filter.value, activeMatches.value, (row) => decodedRow(row, connections, false));
});

// Rows are append-only between clears, so a grown array only needs its new rows tested.
let memo: { rows: readonly Row[]; epoch: number; test: unknown; scanned: number; indices: Uint32Array } | null = null;

/** Indices into capture.rows that pass the filter. */
export const visibleRows = computed(() => {
  version.value;
  const compiled = compiledFilter.value;
  const { rows, rowsEpoch: epoch } = capture.value;
  if (!compiled.ok) return new Uint32Array(0);
  if (memo && memo.rows === rows && memo.epoch === epoch && memo.test === compiled.test && rows.length >= memo.scanned) {
    if (rows.length === memo.scanned) return memo.indices;
    const added = applyFilter(rows.slice(memo.scanned), compiled.test);
    const merged = appendIndices(memo.indices, added, memo.scanned);
    memo = { rows, epoch, test: compiled.test, scanned: rows.length, indices: merged };
    return merged;
  }
  const indices = applyFilter(rows, compiled.test);
  memo = { rows, epoch, test: compiled.test, scanned: rows.length, indices };
  return indices;
});

const NO_ROWS: readonly Row[] = [];

/**
 * visibleRows with the rows array its indices point into. Clear (or a navigation) replaces capture.rows
 * at once, while visibleRows follows at the next version bump: a view reading capture.rows with those
 * indices in between would look up rows that are not there.
 */
export const visibleView = computed(() => {
  const indices = visibleRows.value;
  return { indices, rows: memo?.rows ?? NO_ROWS };
});

export function updateFilter(patch: Partial<FilterSpec>): void {
  filter.value = { ...filter.value, ...patch };
}
