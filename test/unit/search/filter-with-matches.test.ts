import { describe, expect, it } from 'vitest';
import { runFullSearch } from '../../../src/panel/search/full-search';
import { applyFilter, compileFilter, DEFAULT_FILTER, type FilterSpec } from '../../../src/panel/state/filter';
import type { Row } from '../../../src/panel/state/model';
import { captureOf, sent, T0 } from '../panel/fixtures';
import { capture, fakeRelay, inProcess } from './fixtures';

const seqsShown = (rows: readonly Row[], spec: Partial<FilterSpec>, matches: Parameters<typeof compileFilter>[1]) => {
  const compiled = compileFilter({ ...DEFAULT_FILTER, messagesOnly: true, ...spec }, matches);
  if (!compiled.ok) return compiled.error;
  return [...applyFilter(rows, compiled.test)].map((i) => rows[i].seq);
};

describe('the filter with a whole-payload search result', () => {
  it('finds in previews only until the search ran, then in whole payloads', async () => {
    expect(seqsShown(capture.rows, { text: 'needle' }, null)).toEqual([6]);
    const outcome = await runFullSearch(capture.rows, {
      fetchPayload: fakeRelay().fetchPayload,
      match: inProcess({ text: 'needle', regex: false }),
    });
    expect(seqsShown(capture.rows, { text: 'needle' }, outcome)).toEqual([4, 6]);
    expect(seqsShown(capture.rows, { text: 'needle', invert: true }, outcome)).toEqual([3, 5]);
  });

  it('tests rows that arrived after the search on their preview', async () => {
    const outcome = await runFullSearch(capture.rows, {
      fetchPayload: fakeRelay().fetchPayload,
      match: inProcess({ text: 'needle', regex: false }),
    });
    const later = captureOf([sent(1, T0, 'needle again')]).rows.map((row) => ({ ...row, seq: 7 }));
    expect(seqsShown([...capture.rows, ...later], { text: 'needle' }, outcome)).toEqual([4, 6, 7]);
  });

  it('refuses a runaway-prone regex on previews, and uses the search result once there is one', async () => {
    const spec = { text: '(N+)+EEDLE', regex: true };
    expect(seqsShown(capture.rows, spec, null)).toMatch(/^Not run on previews: .*nested quantifiers.*Press Enter/);
    const outcome = await runFullSearch(capture.rows, { fetchPayload: fakeRelay().fetchPayload, match: inProcess(spec) });
    expect(seqsShown(capture.rows, spec, outcome)).toEqual([4, 6]);
  });
});
