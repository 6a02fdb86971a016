import { describe, expect, it } from 'vitest';
import { phoenix } from '../../../src/panel/decode/protocols/phoenix';
import { errorOf, only, preview, received, sent } from './decode-helpers';

// phoenix.js 1.8 with the v2 serializer (`/socket/websocket?vsn=2.0.0`), and the v1 objects older clients send.
describe('phoenix: v2 arrays', () => {
  it('pairs a join with its ok reply', () => {
    const join = only(phoenix, sent('["3","3","room:lobby","phx_join",{"token":"abc"}]'));
    expect(join.summary).toBe('phx_join room:lobby');
    expect(join.fields).toEqual({ type: 'phx_join', event: 'phx_join', topic: 'room:lobby', id: '3' });
    expect(join.pair).toEqual({ key: 'phx:3', role: 'request', name: 'phx_join' });
    expect(join.body).toEqual({ join_ref: '3', ref: '3', topic: 'room:lobby', event: 'phx_join', payload: { token: 'abc' } });
    const reply = only(phoenix, received('["3","3","room:lobby","phx_reply",{"response":{},"status":"ok"}]'));
    expect(reply.summary).toBe('phx_reply ok room:lobby');
    expect(reply.pair).toEqual({ key: 'phx:3', role: 'response' });
  });

  it('reads an error reply as an error answer', () => {
    const reply = only(phoenix, received('["3","4","room:lobby","phx_reply",{"response":{"reason":"unauthorized"},"status":"error"}]'));
    expect(reply.summary).toBe('phx_reply error room:lobby');
    expect(reply.pair).toEqual({ key: 'phx:4', role: 'response', error: true });
  });

  it('reads pushes and broadcasts; a server push without ref is not paired', () => {
    expect(only(phoenix, sent('["3","5","room:lobby","new_msg",{"body":"hi"}]')).pair).toEqual({
      key: 'phx:5',
      role: 'request',
      name: 'new_msg',
    });
    const broadcast = only(phoenix, received('["3",null,"room:lobby","new_msg",{"body":"hi"}]'));
    expect(broadcast.summary).toBe('new_msg room:lobby');
    expect(broadcast.fields.id).toBeUndefined();
    expect(broadcast.pair).toBeUndefined();
  });

  it('marks heartbeats and their replies as heartbeats, and still pairs them', () => {
    const beat = only(phoenix, sent('[null,"6","phoenix","heartbeat",{}]'));
    expect(beat).toMatchObject({ summary: 'heartbeat', heartbeat: true, pair: { key: 'phx:6', role: 'request', name: 'heartbeat' } });
    const reply = only(phoenix, received('[null,"6","phoenix","phx_reply",{"response":{},"status":"ok"}]'));
    expect(reply).toMatchObject({ summary: 'phx_reply ok phoenix', heartbeat: true, pair: { key: 'phx:6', role: 'response' } });
  });

  it('names leave, close and error events', () => {
    expect(only(phoenix, sent('["3","7","room:lobby","phx_leave",{}]')).summary).toBe('phx_leave room:lobby');
    expect(only(phoenix, received('["3","3","room:lobby","phx_close",{}]')).summary).toBe('phx_close room:lobby');
    expect(only(phoenix, received('["3","3","room:lobby","phx_error",{}]')).pair).toBeUndefined();
  });
});

describe('phoenix: v1 objects', () => {
  it('reads and pairs them like v2', () => {
    const join = only(phoenix, sent('{"topic":"room:lobby","event":"phx_join","payload":{},"ref":"1","join_ref":"1"}'));
    expect(join.summary).toBe('phx_join room:lobby');
    expect(join.pair).toEqual({ key: 'phx:1', role: 'request', name: 'phx_join' });
    const reply = only(phoenix, received('{"topic":"room:lobby","event":"phx_reply","payload":{"status":"ok","response":{}},"ref":"1"}'));
    expect(reply.pair).toEqual({ key: 'phx:1', role: 'response' });
  });
});

describe('phoenix: v2 binary frames', () => {
  const encoder = new TextEncoder();
  const frame = (kind: number, fields: string[], payload: number[]) =>
    new Uint8Array([
      kind,
      ...fields.map((f) => encoder.encode(f).length),
      ...fields.flatMap((f) => Array.from(encoder.encode(f))),
      ...payload,
    ]);

  it('reads a client push (join_ref, ref, topic, event) and a reply (status in place of event)', () => {
    const push = only(phoenix, { dir: 'send', bytes: frame(0, ['3', '8', 'room:lobby', 'upload'], [1, 2, 3]), complete: true });
    expect(push.summary).toBe('upload room:lobby');
    expect(push.pair).toEqual({ key: 'phx:8', role: 'request', name: 'upload' });
    expect(push.body).toMatchObject({ payload: new Uint8Array([1, 2, 3]) });
    const reply = only(phoenix, { dir: 'recv', bytes: frame(1, ['3', '8', 'room:lobby', 'ok'], [9]), complete: true });
    expect(reply.summary).toBe('phx_reply ok room:lobby');
    expect(reply.pair).toEqual({ key: 'phx:8', role: 'response' });
  });

  it('reads a server push (no ref) and a broadcast', () => {
    expect(only(phoenix, { dir: 'recv', bytes: frame(0, ['3', 'room:lobby', 'file'], [7]), complete: true })).toMatchObject({
      summary: 'file room:lobby',
      body: { join_ref: '3', ref: null },
    });
    expect(only(phoenix, { dir: 'recv', bytes: frame(2, ['room:lobby', 'blob'], []), complete: true }).summary).toBe('blob room:lobby');
  });

  it('rejects unknown kinds and headers longer than the frame', () => {
    expect(phoenix.decode({ dir: 'recv', bytes: new Uint8Array([7, 1]), complete: true }, {})).toMatchObject({
      ok: false,
      error: /unknown binary message kind 7/,
    });
    expect(phoenix.decode({ dir: 'recv', bytes: new Uint8Array([2, 200, 200, 65]), complete: true }, {})).toMatchObject({
      ok: false,
      error: /header is longer/,
    });
    expect(phoenix.decode({ dir: 'recv', bytes: new Uint8Array([]), complete: true }, {})).toMatchObject({
      ok: false,
      error: /empty frame/,
    });
  });
});

describe('phoenix: previews and malformed frames', () => {
  it('reads refs, topic and event from a preview of a long v2 message', () => {
    const result = phoenix.decode(preview('send', `["3","9","room:lobby","new_msg",{"body":"${'x'.repeat(3000)}"}]`), {});
    expect(result).toMatchObject({ ok: true, partial: true });
    expect(result.ok && result.messages[0]).toMatchObject({ summary: 'new_msg room:lobby', pair: { key: 'phx:9', role: 'request' } });
    expect(errorOf(phoenix, preview('send', `{"topic":"room:lobby","payload":"${'x'.repeat(3000)}"}`))).toMatch(/topic and event/);
  });

  it.each([
    ['["3","3","room:lobby","phx_join"]', /array of 5/],
    ['["3","3",1,"phx_join",{}]', /topic and event must be strings/],
    ['{"topic":"room:lobby"}', /topic and event must be strings/],
    ['"phx_join"', /v1 object or a v2 array/],
    ['["3","3","room:lobby",', /invalid JSON/],
  ])('rejects %j', (text, error) => {
    expect(errorOf(phoenix, received(text))).toMatch(error);
  });
});

describe('phoenix: detection hints', () => {
  it('matches socket URLs', () => {
    expect(phoenix.url?.test('ws://localhost:4000/socket/websocket?vsn=2.0.0')).toBe(true);
    expect(phoenix.url?.test('wss://app.example.com/live/websocket?_csrf_token=x&vsn=2.0.0')).toBe(true);
    expect(phoenix.url?.test('ws://localhost:4000/socket/websocket')).toBe(true);
    expect(phoenix.url?.test('ws://localhost:8080/websocket')).toBe(false);
  });

  it('sniffs v2 arrays and v1 objects with ref and payload, not other JSON', () => {
    expect(phoenix.sniff?.(sent('["3","3","room:lobby","phx_join",{}]'))).toBe(true);
    expect(phoenix.sniff?.(received('{"topic":"t","event":"e","payload":{},"ref":null}'))).toBe(true);
    expect(phoenix.sniff?.(received('{"topic":"t","event":"e"}'))).toBe(false);
    expect(phoenix.sniff?.(received('[1,2,3,4,5]'))).toBe(false);
  });
});
