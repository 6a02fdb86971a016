import { describe, expect, it } from 'vitest';
import { buildHar, queryString } from '../../../src/panel/export/har';
import { NO_EXTRA } from '../../../src/panel/export/redact-text';
import { BINARY, fakeFetch, fixtureCapture, LONG_TEXT, SECRET_URL, SUB, T0, TOP } from './fixture';
import { exportInput } from './helpers';

const REQUIRED = {
  entry: ['startedDateTime', 'time', 'request', 'response', 'cache', 'timings'],
  request: ['method', 'url', 'httpVersion', 'cookies', 'headers', 'queryString', 'headersSize', 'bodySize'],
  response: ['status', 'statusText', 'httpVersion', 'cookies', 'headers', 'content', 'redirectURL', 'headersSize', 'bodySize'],
  timings: ['send', 'wait', 'receive'],
  page: ['startedDateTime', 'id', 'title', 'pageTimings'],
};

describe('HAR export', () => {
  it('is a HAR 1.2 log with every required field', async () => {
    const har = buildHar(await exportInput(fixtureCapture(), { fetchPayload: fakeFetch }));
    expect(har.log.version).toBe('1.2');
    expect(har.log.creator).toEqual({ name: 'SocketScope', version: 'test' });
    expect(har.log.pages.map((p) => [p.id, p.title])).toEqual([
      ['page_1', TOP.url],
      ['page_2', SUB.url],
    ]);
    for (const page of har.log.pages) for (const f of REQUIRED.page) expect(page).toHaveProperty(f);
    expect(har.log.entries).toHaveLength(3);
    for (const e of har.log.entries) {
      for (const f of REQUIRED.entry) expect(e).toHaveProperty(f);
      for (const f of REQUIRED.request) expect(e.request).toHaveProperty(f);
      for (const f of REQUIRED.response) expect(e.response).toHaveProperty(f);
      for (const f of REQUIRED.timings) expect(e.timings).toHaveProperty(f);
      expect(e.response.content).toEqual({ size: 0, mimeType: 'x-unknown' });
      expect(e._resourceType).toBe('websocket');
      expect(e.request.method).toBe('GET');
      expect(new Date(e.startedDateTime).toISOString()).toBe(e.startedDateTime);
    }
    // Entries in time order: the iframe's socket was created 5 ms after the first one.
    expect(har.log.entries.map((e) => e.request.url)).toEqual([SECRET_URL, 'wss://feed.example/live', 'ws://localhost:9/none']);
  });

  it('writes one entry per connection as Chrome does', async () => {
    const har = buildHar(await exportInput(fixtureCapture(), { fetchPayload: fakeFetch }));
    const [main, feed, failed] = har.log.entries;
    expect(main.pageref).toBe('page_1');
    expect(feed.pageref).toBe('page_2');
    expect(main.response).toMatchObject({ status: 101, statusText: 'Switching Protocols', _error: null });
    expect(main.request.headers).toEqual([{ name: 'Sec-WebSocket-Protocol', value: 'chat, json' }]);
    expect(main.response.headers).toEqual([
      { name: 'Sec-WebSocket-Protocol', value: 'chat' },
      { name: 'Sec-WebSocket-Extensions', value: 'permessage-deflate' },
    ]);
    expect(main.request.queryString).toEqual([
      { name: 'token', value: 's3cr3t-url' },
      { name: 'room', value: '7' },
    ]);
    expect(main.time).toBeCloseTo(12.25);
    expect(main._webSocketClose).toEqual({ time: (T0 + 3010.75) / 1000, code: 1000, reason: 'bye', wasClean: true });
    expect(failed.response.status).toBe(0);
    expect(failed._webSocketMessages).toEqual([]);

    const m = main._webSocketMessages;
    // Messages only: the failed send and lifecycle events have no place in HAR.
    expect(m.map((x) => `${x.type}:${x.opcode}`)).toEqual(['send:1', 'receive:1', 'receive:2', 'send:1', 'receive:1', 'send:1']);
    expect(m[0].time).toBeCloseTo((T0 + 20.5) / 1000, 6);
    expect(m[2].data).toBe(BINARY);
    expect(m[3].data).toBe(LONG_TEXT);
    expect(m[3]._trimmed).toBeUndefined();
    expect(m[4]).toMatchObject({ _trimmed: true, _size: 5_000_000, _hash: 'fnv1a-0badc0de' });
    expect(m[5]._injected).toBe(true);
  });

  it('masks secrets in URLs, query strings and messages when redacting', async () => {
    const har = buildHar(await exportInput(fixtureCapture(), { redact: NO_EXTRA }));
    const text = JSON.stringify(har);
    for (const secret of ['hunter2', 's3cr3t-url', 'tok-AAA', 'key-BBB', 'abc123']) expect(text).not.toContain(secret);
    expect(har.log.entries[0].request.url).toBe('wss://REDACTED:REDACTED@api.example/socket?token=REDACTED&room=7');
    expect(har.log.entries[0].request.queryString[0]).toEqual({ name: 'token', value: 'REDACTED' });
  });

  it('lists the query string decoded', () => {
    expect(queryString('wss://a/b?x=1&y=a%20b&z&w=%E2%9C%93#f')).toEqual([
      { name: 'x', value: '1' },
      { name: 'y', value: 'a b' },
      { name: 'z', value: '' },
      { name: 'w', value: '✓' },
    ]);
    expect(queryString('wss://a/b')).toEqual([]);
  });
});
