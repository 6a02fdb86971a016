import { afterEach, describe, expect, it } from 'vitest';
import type { SearchQuery } from '../../../src/panel/search/match-texts';
import { cancelFullSearch, fullSearch, searchFor, startFullSearch } from '../../../src/panel/search/search-state';
import type { BatchMatcher } from '../../../src/panel/search/worker-matcher';
import { DEFAULT_FILTER } from '../../../src/panel/state/filter';
import { activeMatches, filter, capture as shown, updateFilter } from '../../../src/panel/state/store';
import { capture, fakeRelay, inProcess } from './fixtures';

function matcherFor(query: SearchQuery): BatchMatcher & { disposed: boolean } {
  const matcher = { match: inProcess(query), disposed: false, dispose: () => (matcher.disposed = true) };
  return matcher;
}

afterEach(() => {
  cancelFullSearch();
  fullSearch.value = { status: 'idle' };
  filter.value = DEFAULT_FILTER;
});

describe('the whole-payload search state', () => {
  it('applies its matches to the filter only while the filter says the same thing', async () => {
    shown.value = capture;
    updateFilter({ text: 'needle' });
    expect(activeMatches.value).toBeNull();
    await startFullSearch({ text: 'needle', regex: false }, capture, fakeRelay().fetchPayload, matcherFor);
    expect(fullSearch.value.status).toBe('done');
    expect(activeMatches.value?.matches).toBe(2);
    updateFilter({ invert: true });
    expect(activeMatches.value?.matches).toBe(2); // invert needs no new search
    updateFilter({ text: 'needles' });
    expect(activeMatches.value).toBeNull();
    expect(searchFor({ text: 'needles', regex: false }, capture).status).toBe('idle');
  });

  it('is cancelled with its matcher disposed, and says so', async () => {
    let release = () => {};
    const fetchPayload = () => new Promise<never>((resolve) => (release = () => resolve({ text: '' } as never)));
    const made: Array<ReturnType<typeof matcherFor>> = [];
    const search = startFullSearch({ text: 'needle', regex: false }, capture, fetchPayload, (q) => {
      made.push(matcherFor(q));
      return made[0];
    });
    await Promise.resolve();
    expect(fullSearch.value.status).toBe('running');
    cancelFullSearch();
    release();
    await search;
    expect(fullSearch.value.status).toBe('cancelled');
    expect(made[0].disposed).toBe(true);
  });

  it('reports a failed search with its reason', async () => {
    const failing = () => ({
      match: async () => {
        throw new Error('the pattern ran for more than 5 s on one batch of messages and was stopped');
      },
      dispose: () => {},
    });
    await startFullSearch({ text: 'x', regex: true }, capture, null, failing);
    expect(fullSearch.value).toMatchObject({ status: 'failed', message: expect.stringContaining('more than 5 s') });
  });
});
