import { describe, expect, it } from 'vitest';
import { runFullSearch } from '../../../src/panel/search/full-search';
import { captureOf, sent, T0 } from '../panel/fixtures';
import { bigJson, bodies, capture, fakeRelay, inProcess, long, matchedSeqs } from './fixtures';

describe('runFullSearch', () => {
  it('finds a token at character 50,000 of a long message by fetching its body', async () => {
    const relay = fakeRelay();
    const outcome = await runFullSearch(capture.rows, {
      fetchPayload: relay.fetchPayload,
      match: inProcess({ text: 'needle', regex: false }),
    });
    expect(matchedSeqs(outcome.matched)).toEqual([4, 6]);
    expect(relay.asked.sort()).toEqual([4, 5]); // only the long ones are fetched
    expect(outcome).toMatchObject({ searched: 4, matches: 2, trimmedAtCapture: 0, previewOnly: 0 });
    expect(outcome.covered.get('page')).toBe(6);
  });

  it('runs a regular expression over whole bodies', async () => {
    const outcome = await runFullSearch(capture.rows, {
      fetchPayload: fakeRelay().fetchPayload,
      match: inProcess({ text: 'x{3}NEEDLEy', regex: true }),
    });
    expect(matchedSeqs(outcome.matched)).toEqual([4]);
  });

  it('searches the preview of a body the relay no longer holds, and counts it', async () => {
    const relay = fakeRelay(new Map([[5, bodies.get(5)!]]));
    const outcome = await runFullSearch(capture.rows, {
      fetchPayload: relay.fetchPayload,
      match: inProcess({ text: 'needle', regex: false }),
    });
    expect(matchedSeqs(outcome.matched)).toEqual([6]);
    expect(outcome.previewOnly).toBe(1);
  });

  it('counts messages that the capture cut at its cap', async () => {
    const cut = captureOf([long(1, bigJson('NEEDLE'), 'abc123')]);
    const outcome = await runFullSearch(cut.rows, {
      fetchPayload: async () => ({ text: bigJson('NEEDLE') }),
      match: inProcess({ text: 'needle', regex: false }),
    });
    expect(outcome).toMatchObject({ matches: 1, trimmedAtCapture: 1 });
  });

  it('searches an imported capture (no relay) in what its rows hold', async () => {
    const relay = fakeRelay();
    const outcome = await runFullSearch(capture.rows, { fetchPayload: null, match: inProcess({ text: 'needle', regex: false }) });
    expect(matchedSeqs(outcome.matched)).toEqual([6]);
    expect(relay.asked).toEqual([]);
  });

  it('searches binary payloads as UTF-8 text', async () => {
    const bin = captureOf([{ ...sent(1, T0, ''), binary: true, preview: btoa('\u0001\u0002temperature\u00ff'), complete: true }]);
    const outcome = await runFullSearch(bin.rows, { fetchPayload: null, match: inProcess({ text: 'TEMPERATURE', regex: false }) });
    expect(outcome.matches).toBe(1);
  });

  it('reports progress up to the total, in batches', async () => {
    const many = captureOf(Array.from({ length: 40_000 }, (_, i) => sent(1, T0, `message ${i}`)));
    const progress: Array<[number, number]> = [];
    const outcome = await runFullSearch(many.rows, {
      fetchPayload: null,
      match: inProcess({ text: 'message 39999', regex: false }),
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(outcome.matches).toBe(1);
    expect(progress[0]).toEqual([0, 40_000]);
    expect(progress.at(-1)).toEqual([40_000, 40_000]);
    expect(progress.length).toBeGreaterThan(2);
  });

  it('stops when cancelled, and fetches no more bodies', async () => {
    const controller = new AbortController();
    const relay = fakeRelay();
    const search = runFullSearch(capture.rows, {
      fetchPayload: async (frame, seq) => {
        controller.abort();
        return relay.fetchPayload(frame, seq);
      },
      match: inProcess({ text: 'needle', regex: false }),
      signal: controller.signal,
      concurrency: 1,
    });
    await expect(search).rejects.toThrow('Search cancelled');
    expect(relay.asked).toEqual([4]);
  });

  it('passes on the matcher failure (a runaway pattern stopped by the watchdog)', async () => {
    const search = runFullSearch(capture.rows, {
      fetchPayload: null,
      match: async () => {
        throw new Error('the pattern ran for more than 5 s');
      },
    });
    await expect(search).rejects.toThrow('more than 5 s');
  });
});
