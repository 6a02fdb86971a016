import { describe, expect, it } from 'vitest';
import { buildJsonLog } from '../../../src/panel/export/json-log';
import { jsonParts, jsonPartsChunked } from '../../../src/panel/export/json-parts';
import { NO_EXTRA } from '../../../src/panel/export/redact-text';
import { AUTH_JSON, BINARY, fakeFetch, fixtureCapture, LONG_TEXT, SECRET_URL, T0, TOP } from './fixture';
import { EXPORTED_AT, exportInput } from './helpers';

describe('SocketScope JSON log', () => {
  it('has the versioned header, documents and connections', async () => {
    const log = buildJsonLog(await exportInput(fixtureCapture()));
    expect(log).toMatchObject({
      format: 'socketscope-log',
      version: 1,
      exportedAt: '2024-05-01T12:34:56.789Z',
      creator: { name: 'SocketScope', version: 'test' },
      scope: { events: 'all', connection: 'all' },
      redaction: { enabled: false, masked: 0 },
    });
    expect(log.frames.map((f) => [f.key, f.missing])).toEqual([
      ['frame-top', 2],
      ['frame-sub', 0],
    ]);
    expect(log.frames[0].counters.trimmedBodies).toBe(2);
    expect(log.connections[0]).toEqual({
      id: 'frame-top:1',
      decodedAs: { protocol: 'json', by: 'content' },
      frame: 'frame-top',
      conn: 1,
      ordinal: 1,
      url: SECRET_URL,
      frameUrl: TOP.url,
      protocols: ['chat', 'json'],
      stack: 'at connect (https://app.example/app.js:10:5)',
      protocol: 'chat',
      extensions: 'permessage-deflate',
      state: 'closed',
      createdAt: T0,
      openedAt: T0 + 12.25,
      closedAt: T0 + 3010.75,
      close: { code: 1000, reason: 'bye', wasClean: true },
    });
  });

  it('writes every event with the seed shape, a precise time and its payload facts', async () => {
    const log = buildJsonLog(await exportInput(fixtureCapture(), { fetchPayload: fakeFetch }));
    const events = log.events;
    expect(events.map((e) => `${e.type}/${e.kind}`)).toEqual([
      'OPEN/create',
      'OPEN/create',
      'OPEN/open',
      'OPEN/open',
      'SEND/send',
      'RECEIVE/receive',
      'RECEIVE/receive',
      'RECEIVE/receive',
      'SEND/send',
      'RECEIVE/receive',
      'RECEIVE/receive',
      'SEND/send',
      'ERROR/send-fail',
      'CLOSE/close-call',
      'CLOSE/close',
      'ERROR/gap',
      'OPEN/create',
      'ERROR/error',
      'CLOSE/close',
    ]);
    const ev = (seq: number, frame = TOP.key) => events.find((e) => e.frame === frame && e.seq === seq)!;
    for (const e of events) {
      expect(new Date(e.timestamp).toISOString()).toBe(e.timestamp);
      expect(Math.abs(Date.parse(e.timestamp) - e.time)).toBeLessThan(1);
    }
    expect(ev(1)).toMatchObject({ timestamp: new Date(T0).toISOString(), time: T0, data: `Connecting to ${SECRET_URL}`, direction: null });
    expect(ev(3)).toMatchObject({ data: AUTH_JSON, encoding: 'text', size: AUTH_JSON.length, trimmed: false, direction: 'send', seq: 3 });
    expect(ev(5)).toMatchObject({ data: BINARY, encoding: 'base64', size: 4, trimmed: false, direction: 'receive' });
    // Fetched whole from the relay.
    expect(ev(6)).toMatchObject({ data: LONG_TEXT, trimmed: false });
    // Trimmed at capture: the kept part, flagged, with the hash of the whole.
    expect(ev(7)).toMatchObject({ data: 'x'.repeat(1000), size: 5_000_000, trimmed: true, hash: 'fnv1a-0badc0de' });
    expect(ev(8)).toMatchObject({ injected: true, kind: 'send' });
    expect(ev(9)).toMatchObject({ error: 'InvalidStateError', direction: 'send', data: 'late' });
    expect(ev(13)).toMatchObject({ kind: 'gap', missing: 2, conn: -1, data: '2 event(s) never reached the panel' });
    expect(ev(11)).toMatchObject({ code: 1000, reason: 'bye', wasClean: true, data: 'Code: 1000, Reason: bye' });
  });

  it('exports the preview, flagged trimmed, when the whole body cannot be fetched', async () => {
    const log = buildJsonLog(await exportInput(fixtureCapture(), { fetchPayload: async () => ({ missing: 'gone' }) }));
    const long = log.events.find((e) => e.seq === 6 && e.frame === TOP.key)!;
    expect(long).toMatchObject({ data: LONG_TEXT.slice(0, 100), trimmed: true, size: LONG_TEXT.length });
    expect(long.trimReason).toMatch(/gone/);
  });

  it('records redaction in the header and on the events it changed', async () => {
    const log = buildJsonLog(await exportInput(fixtureCapture(), { redact: NO_EXTRA }));
    expect(log.redaction.enabled).toBe(true);
    expect(log.redaction.masked).toBeGreaterThan(0);
    const auth = log.events.find((e) => e.frame === TOP.key && e.seq === 3)!;
    expect(auth.redacted).toBe(true);
    expect(JSON.parse(auth.data).access_token).toBe('[REDACTED]');
    expect(log.events.find((e) => e.frame === TOP.key && e.seq === 4)!.redacted).toBeUndefined();
  });

  it('serialises in parts that read back as the same document', async () => {
    const log = buildJsonLog(await exportInput(fixtureCapture()));
    const parts = jsonParts(log);
    expect(parts.length).toBeGreaterThan(log.events.length);
    expect(JSON.parse(parts.join(''))).toEqual(JSON.parse(JSON.stringify(log)));
    expect((await jsonPartsChunked(log, { budgetMs: 0 })).join('')).toBe(parts.join(''));
    // One event per line, for grep.
    expect(
      parts
        .join('')
        .split('\n')
        .filter((l) => l.includes('"kind":')).length,
    ).toBe(log.events.length);
  });

  it('serialises small and odd values like JSON.stringify', () => {
    for (const value of [
      null,
      1,
      'x',
      [],
      {},
      { a: undefined, b: [1, undefined] },
      { long: Array.from({ length: 40 }, (_, i) => (i % 2 ? undefined : i)) },
    ]) {
      expect(JSON.parse(jsonParts(value).join(''))).toEqual(JSON.parse(JSON.stringify(value)));
    }
  });

  it('is deterministic', async () => {
    const a = buildJsonLog(await exportInput(fixtureCapture()));
    const b = buildJsonLog(await exportInput(fixtureCapture()));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.exportedAt).toBe(new Date(EXPORTED_AT).toISOString());
  });
});
