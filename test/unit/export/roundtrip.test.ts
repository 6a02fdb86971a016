import { describe, expect, it } from 'vitest';
import { buildJsonLog } from '../../../src/panel/export/json-log';
import { jsonParts } from '../../../src/panel/export/json-parts';
import { NO_EXTRA } from '../../../src/panel/export/redact-text';
import type { FetchPayload } from '../../../src/panel/export/types';
import { buildCapture, buildCaptureSync } from '../../../src/panel/import/build-capture';
import { sessionFromText } from '../../../src/panel/import/detect';
import { protocolOf } from '../../../src/panel/state/decoding';
import { applyFilter, compileFilter, DEFAULT_FILTER } from '../../../src/panel/state/filter';
import { ingestEvents } from '../../../src/panel/state/ingest';
import type { Capture } from '../../../src/panel/state/model';
import { computeStats } from '../../../src/panel/stats/compute';
import { captureOf, close, create, open, received, sent } from '../panel/fixtures';
import { fakeFetch, fixtureCapture, LONG_TEXT, T0, TOP } from './fixture';
import { exportInput } from './helpers';

const NOW = T0 + 10_000;

async function roundTrip(capture: Capture, options: Parameters<typeof exportInput>[1] = {}): Promise<Capture> {
  const text = jsonParts(buildJsonLog(await exportInput(capture, options))).join('');
  return buildCaptureSync(sessionFromText(text));
}

function statsOf(capture: Capture) {
  return ['all', ...capture.connections.keys()].map((scope) => computeStats(capture, scope, NOW));
}

const noRelay: FetchPayload = async () => ({ missing: 'gone' });

describe('export → import round trip', () => {
  it('gives exactly the same rows, connections, documents, series and stats', async () => {
    const original = fixtureCapture();
    const back = await roundTrip(original, { fetchPayload: noRelay });
    expect(back.rows).toStrictEqual(original.rows);
    // The import also records the protocol each connection was decoded as; otherwise every fact is the same.
    for (const [key, c] of back.connections) expect(protocolOf(c).protocol).toBe(protocolOf(original.connections.get(key)!).protocol);
    const withoutDecodeAs = new Map([...back.connections].map(([key, { decodeAs: _, ...c }]) => [key, c]));
    expect(withoutDecodeAs).toStrictEqual(original.connections);
    expect([...back.connections.keys()]).toEqual([...original.connections.keys()]);
    expect(back.series).toStrictEqual(original.series);
    for (const [key, frame] of original.frames) {
      const imported = back.frames.get(key)!;
      expect(imported.info).toStrictEqual(frame.info);
      expect(imported.missing).toBe(frame.missing);
      expect(imported.counters).toStrictEqual(frame.counters);
    }
    expect(statsOf(back)).toStrictEqual(statsOf(original));
    expect(back.readOnly).toBe(true);
  });

  it('keeps a WebSocketStream connection a stream, with how its page ended it and why it failed', async () => {
    const original = captureOf([
      { ...create(1, T0, 'wss://stream.test/'), api: 'stream' },
      open(1, T0 + 1),
      sent(1, T0 + 2, 'chunk'),
      received(1, T0 + 3, 'chunk'),
      { k: 'close-call', conn: 1, t: T0 + 4, reason: 'enough', via: 'cancel' },
      close(1, T0 + 5, 1005),
      { ...create(2, T0 + 6, 'wss://stream.test/'), api: 'stream' },
      { k: 'error', conn: 2, t: T0 + 7, error: 'AbortError: WebSocket handshake was aborted' },
      { k: 'close', conn: 2, t: T0 + 7, code: 1006, reason: '', wasClean: false },
    ]);
    const back = await roundTrip(original, { fetchPayload: noRelay });
    expect(back.rows).toStrictEqual(original.rows);
    expect(back.connections).toStrictEqual(original.connections);
    expect(back.connections.get('page:1')?.api).toBe('stream');
  });

  it('carries whole payloads fetched at export, so details need no relay', async () => {
    const original = fixtureCapture();
    const back = await roundTrip(original, { fetchPayload: fakeFetch });
    const long = back.rows.find((r) => r.frame === TOP.key && r.seq === 6)!;
    expect(long).toMatchObject({ preview: LONG_TEXT, complete: true, size: LONG_TEXT.length });
    // Still trimmed at capture: not whole, and says so.
    const trimmed = back.rows.find((r) => r.frame === TOP.key && r.seq === 7)!;
    expect(trimmed).toMatchObject({ preview: 'x'.repeat(1000), complete: false, hash: 'fnv1a-0badc0de' });
    expect(statsOf(back)).toStrictEqual(statsOf(original));
  });

  it('exports a filtered view of one connection without inventing gaps', async () => {
    const original = fixtureCapture();
    const spec = { ...DEFAULT_FILTER, messagesOnly: true, direction: 'recv' as const };
    const compiled = compileFilter(spec);
    if (!compiled.ok) throw new Error(compiled.error);
    const visible = applyFilter(original.rows, compiled.test);
    const back = await roundTrip(original, { visible, connection: `${TOP.key}:1` });
    const expected = [...visible].map((i) => original.rows[i]).filter((r) => r.frame === TOP.key && r.conn === 1);
    expect(back.rows).toStrictEqual(expected);
    expect(back.rows.some((r) => r.k === 'gap')).toBe(false);
    // Connection facts come from the log even though create/open/close rows were filtered out.
    const c = back.connections.get(`${TOP.key}:1`)!;
    expect(c).toMatchObject({ ordinal: 1, state: 'closed', protocol: 'chat', close: { code: 1000, reason: 'bye', wasClean: true } });
    expect(back.connections.size).toBe(1);
  });

  it('keeps redacted payloads valid JSON, and every planted secret out', async () => {
    const original = fixtureCapture();
    const log = buildJsonLog(await exportInput(original, { fetchPayload: fakeFetch, redact: NO_EXTRA }));
    const text = JSON.stringify(log);
    for (const secret of ['hunter2', 's3cr3t-url', 'tok-AAA', 'key-BBB', 'pw-CCC', 'abc123']) expect(text).not.toContain(secret);
    // Page URL (session) 1; socket #1: URL credentials + token 2 and its page URL 1, on the connection and on
    // its create event (×2); socket #2's page URL, on the connection and its create event 2; access_token +
    // apiKey 2; password in the long payload 1.
    expect(log.redaction.masked).toBe(1 + 3 * 2 + 2 + 2 + 1);
    const back = buildCaptureSync(sessionFromText(text));
    const auth = back.rows.find((r) => r.frame === TOP.key && r.seq === 3)!;
    expect(JSON.parse((auth as { preview: string }).preview)).toEqual({
      type: 'auth',
      access_token: '[REDACTED]',
      user: 'bob',
      nested: { apiKey: '[REDACTED]', count: 3 },
    });
    // Everything else is untouched.
    const untouched = back.rows.filter((r) => r.k === 'msg' && !(r.frame === TOP.key && (r.seq === 3 || r.seq === 6)));
    expect(untouched.map((r) => (r as { preview: string }).preview)).toEqual(
      original.rows
        .filter((r) => r.k === 'msg' && !(r.frame === TOP.key && (r.seq === 3 || r.seq === 6)))
        .map((r) => (r.seq === 7 && r.frame === TOP.key ? 'x'.repeat(1000) : (r as { preview: string }).preview)),
    );
  });

  it('builds the same capture in chunks, with progress', async () => {
    const original = fixtureCapture();
    const text = jsonParts(buildJsonLog(await exportInput(original, { fetchPayload: noRelay }))).join('');
    const seen: number[] = [];
    const back = await buildCapture(sessionFromText(text), { onProgress: (done) => seen.push(done) });
    expect(back.rows).toStrictEqual(original.rows);
  });
});

describe('export → import round trip of a Deep capture worker', () => {
  it('keeps the worker a connection lived in, and a close the debugger reported without code', async () => {
    const original = fixtureCapture();
    const worker = { key: 'worker-1', url: 'http://a.test/w.js', top: false, frameId: -1, startedAt: T0, worker: 'shared worker' as const };
    const counters = { rejected: 0, faults: 0, trimmedBodies: 0, trimmedBytes: 0, droppedEvents: 0 };
    ingestEvents(
      original,
      worker,
      [
        { seq: 1, conn: 1, k: 'create', t: T0 + 1, url: 'ws://a.test/', protocols: [], stack: '' },
        { seq: 2, conn: 1, k: 'close', t: T0 + 2 },
      ],
      counters,
    );
    const back = await roundTrip(original, { fetchPayload: noRelay });
    expect(back.frames.get('worker-1')?.info).toStrictEqual(worker);
    expect(back.rows.filter((r) => r.frame === 'worker-1')).toStrictEqual(original.rows.filter((r) => r.frame === 'worker-1'));
  });
});
