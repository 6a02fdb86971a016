import { afterEach, describe, expect, it, vi } from 'vitest';
import { collectPayloads } from '../../../src/panel/export/collect';
import { downloadParts, exportFileName } from '../../../src/panel/export/download';
import { prepareExport } from '../../../src/panel/export/run-export';
import { selectForExport } from '../../../src/panel/export/select';
import type { PayloadBody } from '../../../src/shared/protocol';
import { fakeFetch, fixtureCapture, LONG_TEXT, SUB, TOP } from './fixture';

describe('collecting whole payloads', () => {
  it('fetches only rows whose preview is not whole, with progress', async () => {
    const capture = fixtureCapture();
    const asked: number[] = [];
    const progress: [number, number][] = [];
    const items = await collectPayloads(capture.rows, {
      fetchPayload: (frame, seq) => {
        asked.push(seq);
        return fakeFetch(frame, seq);
      },
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(asked.sort()).toEqual([6, 7]);
    expect(progress).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
    ]);
    expect(items.find((i) => i.row.seq === 6 && i.row.frame === TOP.key)?.payload).toEqual({
      data: LONG_TEXT,
      encoding: 'text',
      trimmed: false,
    });
    expect(items.filter((i) => i.payload).length).toBe(9);
  });

  it('exports the preview, trimmed, when the relay fails or throws', async () => {
    const capture = fixtureCapture();
    const items = await collectPayloads(capture.rows, {
      fetchPayload: async (_f, seq): Promise<PayloadBody> => {
        if (seq === 6) throw new Error('port closed');
        return { missing: 'dropped' };
      },
    });
    const long = items.find((i) => i.row.seq === 6 && i.row.frame === TOP.key)!.payload!;
    expect(long).toMatchObject({ data: LONG_TEXT.slice(0, 100), trimmed: true });
    expect(long.reason).toMatch(/port closed/);
  });

  it('stops on cancel', async () => {
    const capture = fixtureCapture();
    const controller = new AbortController();
    const run = collectPayloads(capture.rows, {
      fetchPayload: async (frame, seq) => {
        controller.abort();
        return fakeFetch(frame, seq);
      },
      signal: controller.signal,
      concurrency: 1,
    });
    await expect(run).rejects.toThrow(/cancelled/);
  });
});

describe('choosing rows', () => {
  it('takes the filtered view and one connection, with only their documents', () => {
    const capture = fixtureCapture();
    const all = selectForExport(capture, null, 'all');
    expect(all.rows).toHaveLength(capture.rows.length);
    expect(all.connections).toHaveLength(3);
    const one = selectForExport(capture, null, `${SUB.key}:1`);
    expect(one.rows.every((r) => r.frame === SUB.key)).toBe(true);
    expect(one.connections.map((c) => c.key)).toEqual([`${SUB.key}:1`]);
    expect(one.frames.map((f) => f.info.key)).toEqual([SUB.key]);
    const filtered = selectForExport(capture, [0, 2], 'all');
    expect(filtered.rows).toEqual([capture.rows[0], capture.rows[2]]);
  });
});

describe('download', () => {
  afterEach(() => vi.restoreAllMocks());

  it('names files websocket-logs-<ISO time> without colons', () => {
    expect(exportFileName(Date.UTC(2024, 4, 1, 12, 34, 56, 789), 'json')).toBe('websocket-logs-2024-05-01T12-34-56.789Z.json');
    expect(exportFileName(0, 'har')).toBe('websocket-logs-1970-01-01T00-00-00.000Z.har');
  });

  it('clicks an <a download> on a Blob URL', async () => {
    const create = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:test');
    let clicked: HTMLAnchorElement | null = null;
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked = this;
      expect(this.isConnected).toBe(true);
    });
    downloadParts(['{"a":', '1}'], 'websocket-logs-x.json', 'application/json');
    expect(create).toHaveBeenCalledTimes(1);
    const blob = create.mock.calls[0][0] as Blob;
    expect(await blob.text()).toBe('{"a":1}');
    expect(clicked!.download).toBe('websocket-logs-x.json');
    expect(clicked!.getAttribute('href')).toBe('blob:test');
    expect(clicked!.isConnected).toBe(false);
  });

  it('prepares a whole export: file name, parts and counts', async () => {
    const prepared = await prepareExport({
      capture: fixtureCapture(),
      visible: null,
      connection: 'all',
      format: 'har',
      redact: { extra: [] },
      fetchPayload: fakeFetch,
      now: 0,
    });
    expect(prepared.fileName).toBe('websocket-logs-1970-01-01T00-00-00.000Z.har');
    expect(prepared.events).toBe(fixtureCapture().rows.length);
    expect(prepared.masked).toBe(12);
    expect(prepared.trimmed).toBe(1);
    expect(JSON.parse(prepared.parts.join('')).log.entries).toHaveLength(3);
  });
});
