import { beforeEach, describe, expect, it } from 'vitest';
import { chooseProtocol, decodedRow, decodedSummary, protocolOf, setDecodeStorage, setIdPaths } from '../../../src/panel/state/decoding';
import { applyFilter, compileFilter, DEFAULT_FILTER, type FilterSpec } from '../../../src/panel/state/filter';
import type { Capture } from '../../../src/panel/state/model';
import { captureOf, create, open, received, sent, T0 } from './fixtures';

/** A seed-style exchange on a plain JSON socket (no protocol of its own). */
function seedCapture(url = 'ws://chat.test/ws'): Capture {
  return captureOf([
    create(1, T0, url),
    open(1, T0),
    sent(1, T0 + 1, '{"type":"join","room":"general","requestId":"req-1"}'),
    received(1, T0 + 5, '{"type":"response","requestId":"req-1","data":{"ok":true}}'),
    received(1, T0 + 6, '{"type":"ping"}'),
    sent(1, T0 + 7, 'not json at all'),
  ]);
}

const messageRows = (capture: Capture) => capture.rows.filter((row) => row.k === 'msg');

function shown(capture: Capture, patch: Partial<FilterSpec>): string[] {
  const compiled = compileFilter({ ...DEFAULT_FILTER, messagesOnly: true, ...patch }, null, (row) => decodedRow(row, capture.connections));
  if (!compiled.ok) throw new Error(compiled.error);
  return [...applyFilter(capture.rows, compiled.test)].map((i) => {
    const row = capture.rows[i];
    return row.k === 'msg' ? (row.preview ?? '') : row.k;
  });
}

describe('decoding state', () => {
  beforeEach(() => setDecodeStorage(null));

  it('detects plain JSON from the first messages and decodes each row lazily', () => {
    const capture = seedCapture('ws://one.test/ws');
    const connection = [...capture.connections.values()][0];
    expect(protocolOf(connection)).toEqual({ protocol: 'json', by: 'content' });
    const [join, response] = messageRows(capture);
    expect(decodedSummary(join, capture.connections)).toBe('join #req-1');
    const decoded = decodedRow(response, capture.connections);
    expect(decoded?.ok && decoded.messages[0].pair).toEqual({ key: 'json:req-1', role: 'response', name: 'response' });
    // The same row object gives the same result object: decoded once.
    expect(decodedRow(response, capture.connections)).toBe(decoded);
  });

  it('shows a frame that is not valid for the protocol as an error, not a summary', () => {
    const capture = seedCapture('ws://two.test/ws');
    const notJson = messageRows(capture)[3];
    expect(decodedSummary(notJson, capture.connections)).toBeNull();
    expect(decodedRow(notJson, capture.connections)).toMatchObject({ ok: false, protocol: 'json' });
  });

  it('"Decode as" overrides detection for that socket path and is kept in storage per origin', async () => {
    const stored = new Map<string, unknown>();
    setDecodeStorage({ get: async (key) => stored.get(key), set: async (key, value) => void stored.set(key, value) });
    const capture = seedCapture('ws://three.test/ws?token=1');
    const connection = [...capture.connections.values()][0];
    chooseProtocol(connection, 'raw');
    expect(protocolOf(connection)).toEqual({ protocol: 'raw', by: 'user' });
    expect(decodedSummary(messageRows(capture)[0], capture.connections)).toBeNull();
    expect(stored.get('decode:ws://three.test')).toMatchObject({ protocols: { '/ws': 'raw' } });
    chooseProtocol(connection, null);
    expect(protocolOf(connection).by).toBe('content');
  });

  it('uses the id paths set for the origin, and refuses a path that is not one', () => {
    const capture = captureOf([create(1, T0, 'ws://four.test/'), open(1, T0), sent(1, T0, '{"meta":{"id":7},"op":"get"}')]);
    expect(setIdPaths('ws://four.test', 'meta.id')).toBeNull();
    expect(decodedSummary(messageRows(capture)[0], capture.connections)).toBe('get #7');
    expect(setIdPaths('ws://four.test', 'meta..id')).toMatch(/Not an id path/);
  });
});

describe('filtering on decoded fields', () => {
  const capture = seedCapture('ws://five.test/ws');

  it('matches a field exactly, ignoring case, with * as a wildcard', () => {
    expect(shown(capture, { text: 'type:JOIN' })).toEqual(['{"type":"join","room":"general","requestId":"req-1"}']);
    expect(shown(capture, { text: 'type:re*' })).toEqual(['{"type":"response","requestId":"req-1","data":{"ok":true}}']);
    expect(shown(capture, { text: 'id:req-1' })).toHaveLength(2);
    expect(shown(capture, { text: 'type:jo' })).toEqual([]);
  });

  it('combines field terms with the text filter and with invert', () => {
    expect(shown(capture, { text: 'id:req-1 general' })).toEqual(['{"type":"join","room":"general","requestId":"req-1"}']);
    expect(shown(capture, { text: 'type:ping', invert: true })).toHaveLength(3);
  });

  it('reads a colon as text in regex mode', () => {
    expect(shown(capture, { text: 'type":"p', regex: true })).toEqual(['{"type":"ping"}']);
  });
});
