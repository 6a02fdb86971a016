import { describe, expect, it } from 'vitest';
import { socketio } from '../../../src/panel/decode/protocols/socketio';
import { errorOf, flat, only, preview, received, sent, summaries, timed } from './decode-helpers';

// Frames as socket.io-client 4.8 and a socket.io 4.8 server exchange them over `transports: ['websocket']`
// (recorded on loopback, ids kept as they came).
const OPEN = '0{"sid":"pL3gN2qFhQkEP1hCAAAB","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}';

describe('socketio: Engine.IO packets', () => {
  it('reads the open packet with its sid and timings', () => {
    const open = only(socketio, received(OPEN));
    expect(open.summary).toBe('OPEN sid pL3gN2qFhQkEP1hCAAAB');
    expect(open.fields).toEqual({ type: 'OPEN', id: 'pL3gN2qFhQkEP1hCAAAB' });
    expect(open.body).toMatchObject({ pingInterval: 25000, pingTimeout: 20000, maxPayload: 1000000 });
    expect(open.heartbeat).toBeUndefined();
  });

  it('marks ping and pong (v4: server pings; v3: client pings; probes during an upgrade) as heartbeats', () => {
    for (const [frame, summary] of [
      [received('2'), 'PING'],
      [sent('3'), 'PONG'],
      [sent('2probe'), 'PING probe'],
      [received('3probe'), 'PONG probe'],
    ] as const) {
      const message = only(socketio, frame);
      expect(message.summary).toBe(summary);
      expect(message.heartbeat).toBe(true);
      expect(message.pair).toBeUndefined();
    }
  });

  it('names close, upgrade and noop', () => {
    expect(summaries(socketio, sent('1'))).toEqual(['CLOSE']);
    expect(summaries(socketio, sent('5'))).toEqual(['UPGRADE']);
    expect(summaries(socketio, received('6'))).toEqual(['NOOP']);
  });

  it('takes a binary frame for an attachment, and v3 base64 text too', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const attachment = only(socketio, { dir: 'send', bytes, complete: true });
    expect(attachment.summary).toBe('ATTACHMENT 3 bytes');
    expect(attachment.fields.type).toBe('ATTACHMENT');
    expect(attachment.body).toBe(bytes);
    expect(only(socketio, received('b4AQID')).summary).toBe('ATTACHMENT 3 bytes');
    expect(only(socketio, { dir: 'recv', bytes: new Uint8Array(512), complete: false }).summary).toBe('ATTACHMENT 512+ bytes');
  });
});

describe('socketio: Socket.IO packets', () => {
  it('reads CONNECT on the main and on a named namespace, with auth data', () => {
    expect(only(socketio, sent('40')).summary).toBe('CONNECT /');
    const reply = only(socketio, received('40{"sid":"iPCls6dWDuXGDRZzAAAA"}'));
    expect(reply.summary).toBe('CONNECT /');
    expect(reply.body).toEqual({ type: 'CONNECT', namespace: '/', data: { sid: 'iPCls6dWDuXGDRZzAAAA' } });
    const admin = only(socketio, sent('40/admin,{"token":"good"}'));
    expect(admin.summary).toBe('CONNECT /admin');
    expect(admin.fields).toEqual({ type: 'CONNECT', namespace: '/admin' });
  });

  it('reads CONNECT_ERROR with its message (v4 object, v2 string)', () => {
    expect(only(socketio, received('44/admin,{"message":"not authorized"}')).summary).toBe('CONNECT_ERROR /admin not authorized');
    expect(only(socketio, received('44"Invalid namespace"')).summary).toBe('CONNECT_ERROR / Invalid namespace');
  });

  it('reads an EVENT without ack: event name, args, no pair', () => {
    const event = only(socketio, received('42["chat","echo hi"]'));
    expect(event.summary).toBe('EVENT chat');
    expect(event.fields).toEqual({ type: 'EVENT', namespace: '/', event: 'chat' });
    expect(event.body).toEqual({ type: 'EVENT', namespace: '/', event: 'chat', args: ['echo hi'] });
    expect(event.pair).toBeUndefined();
  });

  it('pairs an EVENT sent with an ack id and the ACK received for it', () => {
    const request = only(socketio, sent('420["chat","hi"]'));
    expect(request.summary).toBe('EVENT chat ack 0');
    expect(request.fields.id).toBe('0');
    expect(request.pair).toEqual({ key: 'sio:/:send:0', role: 'request', name: 'chat' });
    const answer = only(socketio, received('430[{"ok":true}]'));
    expect(answer.summary).toBe('ACK 0');
    expect(answer.body).toEqual({ type: 'ACK', namespace: '/', id: 0, args: [{ ok: true }] });
    expect(answer.pair).toEqual({ key: 'sio:/:send:0', role: 'response' });
  });

  it('pairs the other way round: an EVENT received with an ack id, answered by an ACK sent', () => {
    expect(only(socketio, received('4212["ready"]')).pair).toEqual({ key: 'sio:/:recv:12', role: 'request', name: 'ready' });
    expect(only(socketio, sent('4312[]')).pair).toEqual({ key: 'sio:/:recv:12', role: 'response' });
  });

  it('keeps the namespace in summaries and pair keys', () => {
    const event = only(socketio, sent('42/admin,7["kick",{"user":"bob"}]'));
    expect(event.summary).toBe('EVENT kick ack 7 in /admin');
    expect(event.fields.namespace).toBe('/admin');
    expect(event.pair?.key).toBe('sio:/admin:send:7');
    expect(only(socketio, received('43/admin,7["done"]')).pair?.key).toBe('sio:/admin:send:7');
  });

  it('counts attachments of BINARY_EVENT and BINARY_ACK and leaves the placeholders in the body', () => {
    const upload = only(socketio, sent('451-1["upload",{"_placeholder":true,"num":0}]'));
    expect(upload.summary).toBe('BINARY_EVENT upload ack 1 +1 attachment');
    expect(upload.attachments).toBe(1);
    expect(upload.fields).toMatchObject({ type: 'BINARY_EVENT', event: 'upload', id: '1' });
    expect(upload.body).toMatchObject({ attachments: 1, args: [{ _placeholder: true, num: 0 }] });
    expect(upload.pair).toEqual({ key: 'sio:/:send:1', role: 'request', name: 'upload' });
    const reply = only(socketio, received('461-1[{"_placeholder":true,"num":0}]'));
    expect(reply.summary).toBe('BINARY_ACK 1 +1 attachment');
    expect(reply.attachments).toBe(1);
    expect(reply.pair).toEqual({ key: 'sio:/:send:1', role: 'response' });
    expect(only(socketio, sent('452-["pair",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]')).summary).toBe(
      'BINARY_EVENT pair +2 attachments',
    );
  });

  it('accepts numeric event names (allowed since 4.x) and DISCONNECT', () => {
    expect(only(socketio, sent('42[7,"x"]')).fields.event).toBe('7');
    expect(only(socketio, sent('41/admin,')).summary).toBe('DISCONNECT /admin');
  });
});

describe('socketio: cut-off previews', () => {
  it('still tells the event name, ack id and namespace of a long event', () => {
    const result = socketio.decode(preview('send', `42/chat,15["message",{"text":"${'x'.repeat(5000)}"}]`), {});
    expect(result).toMatchObject({ ok: true, partial: true });
    if (!result.ok) return;
    expect(result.messages[0].summary).toBe('EVENT message ack 15 in /chat');
    expect(result.messages[0].pair).toEqual({ key: 'sio:/chat:send:15', role: 'request', name: 'message' });
  });

  it('reads an escaped event name and an ACK id from a prefix', () => {
    const result = socketio.decode(preview('recv', `42["say \\"hi\\"",${'1,'.repeat(900)}1]`), {});
    expect(result.ok && result.messages[0].fields.event).toBe('say "hi"');
    const ack = socketio.decode(preview('recv', `4399[${'"y",'.repeat(400)}"y"]`), {});
    expect(ack.ok && ack.messages[0].pair).toEqual({ key: 'sio:/:send:99', role: 'response' });
  });

  it('says so when the prefix does not reach the event name', () => {
    expect(errorOf(socketio, { dir: 'send', text: `42["${'n'.repeat(1020)}`, complete: false })).toMatch(/event name/);
  });
});

describe('socketio: malformed frames', () => {
  it.each([
    ['', /unknown Engine.IO packet type '\(empty frame\)'/],
    ['9', /unknown Engine.IO packet type '9'/],
    ['hello', /unknown Engine.IO packet type 'h'/],
    ['47["x"]', /unknown Socket.IO packet type '7'/],
    ['4', /unknown Socket.IO packet type '\(none\)'/],
    ['42["chat",', /EVENT data: invalid JSON/],
    ['42{"not":"an array"}', /EVENT data must be an array starting with the event name/],
    ['42[]', /starting with the event name/],
    ['43["no id"]', /ACK has no ack id/],
    ['45["x"]', /attachment count/],
    ['45x-["x"]', /attachment count/],
    ['41/admin,"bye"', /DISCONNECT carries no data/],
    ['40[1]', /CONNECT data must be an object/],
    ['0{"sid":', /OPEN data: invalid JSON/],
    ['0{"nosid":1}', /OPEN data must be an object with a sid/],
    ['b4!!!', /base64/],
    [`42${'1'.repeat(40)}["x"]`, /ack id longer than 16 digits/],
    [`40/${'a'.repeat(3000)},`, /namespace longer than 2048/],
  ])('rejects %j', (text, error) => {
    expect(errorOf(socketio, received(text))).toMatch(error);
  });

  it('decodes a 3 MB event whole, and a 100 MB one from its start only, as partial, without stalling', () => {
    const big = only(socketio, sent(`42["bulk","${'z'.repeat(3_000_000)}"]`));
    expect(big.summary).toBe('EVENT bulk');
    expect((big.body as { args: string[] }).args[0]).toHaveLength(3_000_000);
    const huge = sent(flat(`420["bulk","${'z'.repeat(100_000_000)}"]`));
    const { value, ms } = timed(() => socketio.decode(huge, {}));
    expect(value).toMatchObject({ ok: true, partial: true });
    expect(value.ok && value.messages[0].pair).toEqual({ key: 'sio:/:send:0', role: 'request', name: 'bulk' });
    expect(ms).toBeLessThan(100);
  });

  it('clips a huge event name in the summary and fields', () => {
    const message = only(socketio, sent(`42["${'e'.repeat(10_000)}"]`));
    expect(message.summary.length).toBeLessThan(140);
    expect(message.fields.event?.length).toBeLessThanOrEqual(121);
  });

  it('does not change the frame it decodes', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const frame = { dir: 'send' as const, bytes, complete: true };
    socketio.decode(frame, {});
    expect(Array.from(bytes)).toEqual([1, 2, 3]);
    expect(frame).toEqual({ dir: 'send', bytes: new Uint8Array([1, 2, 3]), complete: true });
  });
});

describe('socketio: detection hints', () => {
  it('matches Engine.IO URLs with EIO=, on the default and a custom path', () => {
    expect(socketio.url?.test('ws://localhost:3000/socket.io/?EIO=4&transport=websocket')).toBe(true);
    expect(socketio.url?.test('wss://example.com/realtime/?EIO=3&transport=websocket&sid=abc')).toBe(true);
    expect(socketio.url?.test('wss://example.com/ws?room=EIO')).toBe(false);
  });

  it('sniffs open packets, socket.io messages and probes, not plain numbers or text', () => {
    for (const text of [OPEN, '42["chat","hi"]', '430[{"ok":true}]', '40', '451-["u",{"_placeholder":true,"num":0}]', '2probe']) {
      expect(socketio.sniff?.(received(text)), text).toBe(true);
    }
    for (const text of ['42', '3', '{"type":"x"}', 'hello', '4711']) expect(socketio.sniff?.(received(text)), text).toBe(false);
  });
});
