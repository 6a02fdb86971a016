/**
 * Under the toolbar while the filter has text: says that the filter searched previews only, runs the
 * whole-payload search (this bar's button, or Enter in the filter), shows its progress with a Cancel,
 * then says what it searched, including what it could search only in part.
 */
import { LIMITS } from '../../shared/limits';
import type { FetchPayload } from '../export/types';
import { textQuery } from '../state/filter';
import { isViewingImport } from '../state/session';
import { capture, filter, version } from '../state/store';
import { countLongMessages } from './long-messages';
import { cancelFullSearch, type SearchState, searchFor, startFullSearch } from './search-state';
import './full-search.css';

const MIB = LIMITS.pagePayloadCap / (1 << 20);
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** Starts a whole-payload search for the filter's text over the capture shown. */
export function searchWholePayloads(fetchPayload: FetchPayload | null | undefined): void {
  const query = textQuery(filter.peek());
  if (!query.text) return;
  // An imported log has no relay behind it: its rows already hold all that exists of each payload.
  void startFullSearch(query, capture.peek(), isViewingImport() ? null : (fetchPayload ?? null));
}

function Notes({ state }: { state: SearchState & { status: 'done' } }) {
  const { trimmedAtCapture, previewOnly } = state.outcome;
  return (
    <>
      {trimmedAtCapture > 0 ? (
        <span class="full-search-note">
          {plural(trimmedAtCapture, 'message was', 'messages were')} trimmed by the capture and searched only in their first {MIB} MiB.
        </span>
      ) : null}
      {previewOnly > 0 ? (
        <span class="full-search-note">
          {plural(previewOnly, 'message was', 'messages were')} no longer held by the page and searched in their preview only.
        </span>
      ) : null}
    </>
  );
}

function describe(state: SearchState, long: number): string {
  switch (state.status) {
    case 'idle':
      return long === 0
        ? 'Searched every message whole: none is longer than its preview.'
        : `Searched previews only: ${plural(long, 'message is', 'messages are')} longer than the first ${LIMITS.previewChars.toLocaleString('en-US')} characters shown.`;
    case 'running':
      return `Searching whole payloads… ${state.done.toLocaleString('en-US')} / ${state.total.toLocaleString('en-US')} messages`;
    case 'done':
      return `Whole payloads searched: ${plural(state.outcome.matches, 'match', 'matches')} in ${plural(state.outcome.searched, 'message')}.`;
    case 'cancelled':
      return 'Whole-payload search cancelled: the filter searches previews only.';
    case 'failed':
      return `Whole-payload search stopped: ${state.message}.`;
  }
}

export function FullSearchBar({ fetchPayload }: { fetchPayload?: FetchPayload }) {
  version.value; // new rows may be long ones
  const query = textQuery(filter.value);
  if (!query.text) return null;
  const state = searchFor(query, capture.value);
  const long = countLongMessages(capture.value);
  return (
    <section class="full-search" aria-label="Whole-payload search">
      <span role={state.status === 'failed' ? 'alert' : 'status'}>{describe(state, long)}</span>
      {state.status === 'done' ? <Notes state={state} /> : null}
      {state.status === 'running' ? (
        <>
          <progress aria-label="Search progress" max={Math.max(1, state.total)} value={state.done} />
          <button type="button" onClick={cancelFullSearch}>
            Cancel search
          </button>
        </>
      ) : (
        <button type="button" title="Search whole payloads (Enter in the filter)" onClick={() => searchWholePayloads(fetchPayload)}>
          {state.status === 'done' ? 'Search again' : 'Search whole payloads'}
        </button>
      )}
    </section>
  );
}
