import { describe, expect, it } from 'vitest';
import { buildJsonLog } from '../../../src/panel/export/json-log';
import { buildCaptureSync } from '../../../src/panel/import/build-capture';
import { sessionFromText } from '../../../src/panel/import/detect';
import { MAX_IMPORT_BYTES, readFileText } from '../../../src/panel/import/read-file';
import { fixtureCapture, messages } from './fixture';
import { exportInput } from './helpers';

type Fields = Record<string, unknown>;
/** A log as plain JSON, to spoil field by field. */
type LogDoc = Fields & { events: Fields[]; connections: Fields[]; frames: Fields[] };

async function validLog(): Promise<LogDoc> {
  return JSON.parse(JSON.stringify(buildJsonLog(await exportInput(fixtureCapture()))));
}

const load = (doc: unknown) => buildCaptureSync(sessionFromText(JSON.stringify(doc)));

describe('JSON log import: hostile input', () => {
  it('rejects what is not JSON, or not a known format', () => {
    expect(() => sessionFromText('{"format":')).toThrow(/not valid JSON/);
    expect(() => sessionFromText('"hello"')).toThrow(/Not a log SocketScope can open/);
    expect(() => sessionFromText('{"format":"other"}')).toThrow(/Not a log SocketScope can open/);
  });

  it('rejects other versions with a clear message', async () => {
    const doc = await validLog();
    expect(() => load({ ...doc, version: 2 })).toThrow(/version 2, written by a newer SocketScope/);
    expect(() => load({ ...doc, version: '1' })).toThrow(/Unsupported socketscope-log version/);
  });

  it.each([
    ['events not an array', (d: LogDoc) => (d.events = {} as Fields[]), /events: expected an array/],
    ['a bad time', (d: LogDoc) => (d.events[3].time = 'noon'), /events\[3\]\.time: expected a finite number/],
    ['an infinite time', (d: LogDoc) => (d.events[3].time = Number.POSITIVE_INFINITY), /events\[3\]\.time: expected a finite number/],
    ['an unknown kind', (d: LogDoc) => (d.events[0].kind = 'explode'), /events\[0\]\.kind/],
    ['a zero seq', (d: LogDoc) => (d.events[1].seq = 0), /events\[1\]\.seq: expected a positive integer/],
    ['an unknown document', (d: LogDoc) => (d.events[2].frame = 'nope'), /events\[2\]\.frame: no document "nope"/],
    ['bad base64', (d: LogDoc) => (d.events.find((e: Fields) => e.encoding === 'base64')!.data = '<script>'), /data: expected base64/],
    ['a non-string payload', (d: LogDoc) => (d.events.find((e: Fields) => e.kind === 'send')!.data = { x: 1 }), /data: expected string/],
    ['a huge URL', (d: LogDoc) => (d.connections[0].url = 'x'.repeat(10_000)), /connections\[0\]\.url: string longer than 8192/],
    ['a negative count', (d: LogDoc) => (d.frames[0].missing = -1), /frames\[0\]\.missing: expected a count/],
    ['a connection in no document', (d: LogDoc) => (d.connections[0].frame = 'nope'), /connections\[0\]\.frame: no document "nope"/],
    ['a bad state', (d: LogDoc) => (d.connections[0].state = 'weird'), /connections\[0\]\.state/],
    [
      'a lifecycle URL that is not text',
      (d: LogDoc) => (d.events.find((e: Fields) => e.kind === 'create')!.url = 42),
      /events\[\d+\]\.url: expected string/,
    ],
    [
      'a close code that is not a number',
      (d: LogDoc) => (d.events.find((e: Fields) => e.kind === 'close')!.code = '1000'),
      /events\[\d+\]\.code/,
    ],
  ])('rejects %s', async (_name, spoil, error) => {
    const doc = await validLog();
    spoil(doc);
    expect(() => load(doc)).toThrow(error);
  });

  it('ignores unknown and prototype-polluting fields', async () => {
    const doc = await validLog();
    const text = JSON.stringify(doc).replace('"kind":"create"', '"__proto__":{"polluted":true},"kind":"create"');
    const capture = buildCaptureSync(sessionFromText(text));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(capture.rows[0]).not.toHaveProperty('polluted');
    expect(Object.keys(capture.rows[0]).sort()).toEqual(['conn', 'frame', 'frameUrl', 'k', 'protocols', 'seq', 'stack', 't', 'url']);
  });

  it('fills a missing size from the payload', async () => {
    const doc = await validLog();
    const send = doc.events.find((e: Fields) => e.kind === 'send')!;
    delete send.size;
    const row = messages(load(doc).rows).find((r) => r.seq === send.seq && r.frame === send.frame);
    expect(row?.size).toBe(new TextEncoder().encode(send.data as string).length);
  });
});

describe('LoggedWebSocket (seed) import', () => {
  it('reads the simple {timestamp, type, data} array as one connection', () => {
    const seed = [
      { timestamp: '2024-05-01T10:00:00.000Z', type: 'OPEN', data: 'Connexion établie' },
      { timestamp: '2024-05-01T10:00:00.100Z', type: 'SEND', data: { hello: 'world' } },
      { timestamp: '2024-05-01T10:00:00.200Z', type: 'RECEIVE', data: 'hi ✓' },
      { timestamp: '2024-05-01T10:00:01.000Z', type: 'ERROR', data: {} },
      { timestamp: '2024-05-01T10:00:02.000Z', type: 'CLOSE', data: 'Code: 1000, Raison: done' },
    ];
    const session = sessionFromText(JSON.stringify(seed));
    expect(session.source).toBe('LoggedWebSocket log');
    const capture = buildCaptureSync(session);
    expect(capture.rows.map((r) => r.k)).toEqual(['create', 'open', 'msg', 'msg', 'error', 'close']);
    const [c] = capture.connections.values();
    expect(c).toMatchObject({ state: 'closed', close: { code: 1000, reason: 'done', wasClean: true }, sent: { messages: 1, bytes: 17 } });
    expect(capture.rows[3]).toMatchObject({ dir: 'recv', size: 6, preview: 'hi ✓', complete: true });
  });

  it('rejects a bad entry', () => {
    expect(() => sessionFromText('[{"timestamp":"x","type":"OPEN","data":""}]')).toThrow(/\[0\]\.timestamp: expected an ISO date/);
    expect(() => sessionFromText('[{"timestamp":"2024-01-01T00:00:00Z","type":"PING"}]')).toThrow(/\[0\]\.type/);
  });
});

describe('reading the file', () => {
  it('refuses files over the cap before reading them', async () => {
    const big = {
      size: MAX_IMPORT_BYTES + 1,
      slice: () => {
        throw new Error('read');
      },
    } as unknown as Blob;
    await expect(readFileText(big)).rejects.toThrow(/too large \(500 MB\); the limit is 500 MB/);
    await expect(readFileText(new Blob([]))).rejects.toThrow(/empty/);
  });

  it('reads in chunks with progress, and rejects non-UTF-8', async () => {
    const seen: number[] = [];
    const text = await readFileText(new Blob(['{"a":"é✓"}']), { onProgress: (done) => seen.push(done) });
    expect(text).toBe('{"a":"é✓"}');
    expect(seen.at(-1)).toBe(new Blob(['{"a":"é✓"}']).size);
    await expect(readFileText(new Blob([new Uint8Array([0xff, 0xfe, 0x00])]))).rejects.toThrow(/not UTF-8/);
  });
});
