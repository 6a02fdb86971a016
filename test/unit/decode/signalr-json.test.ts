import { describe, expect, it } from 'vitest';
import { signalrJson } from '../../../src/panel/decode/protocols/signalr-json';
import { errorOf, messagesOf, only, preview, received, sent, summaries, timed } from './decode-helpers';

// As @microsoft/signalr and an ASP.NET Core hub exchange them; RS is the 0x1E record separator.
const RS = '\u001e';

describe('signalr-json: handshake', () => {
  it('pairs the handshake request with its empty answer', () => {
    const request = only(signalrJson, sent(`{"protocol":"json","version":1}${RS}`));
    expect(request).toMatchObject({ summary: 'handshake json v1', fields: { type: 'handshake' } });
    expect(request.pair).toEqual({ key: 'signalr:handshake:send', role: 'request', name: 'handshake' });
    expect(only(signalrJson, received(`{}${RS}`))).toMatchObject({
      summary: 'handshake ok',
      pair: { key: 'signalr:handshake:send', role: 'response' },
    });
  });

  it('reads a refused handshake as an error answer', () => {
    const refused = only(signalrJson, received(`{"error":"Requested protocol 'messagepack' is not available."}${RS}`));
    expect(refused.summary).toBe("handshake error Requested protocol 'messagepack' is not available.");
    expect(refused.pair).toEqual({ key: 'signalr:handshake:send', role: 'response', error: true });
  });
});

describe('signalr-json: messages', () => {
  it('pairs an invocation sent with the completion received', () => {
    const invoke = only(signalrJson, sent(`{"arguments":["alice","hi"],"invocationId":"3","target":"SendMessage","type":1}${RS}`));
    expect(invoke.summary).toBe('invoke SendMessage #3');
    expect(invoke.fields).toEqual({ type: 'invoke', method: 'SendMessage', id: '3' });
    expect(invoke.pair).toEqual({ key: 'signalr:send:3', role: 'request', name: 'SendMessage' });
    const completion = only(signalrJson, received(`{"type":3,"invocationId":"3","result":42}${RS}`));
    expect(completion.summary).toBe('completion #3');
    expect(completion.pair).toEqual({ key: 'signalr:send:3', role: 'response' });
    expect(completion.body).toEqual({ type: 3, invocationId: '3', result: 42 });
  });

  it('reads a failed completion as an error answer', () => {
    const failed = only(signalrJson, received(`{"type":3,"invocationId":"4","error":"HubException: nope"}${RS}`));
    expect(failed.summary).toBe('completion #4 error HubException: nope');
    expect(failed.pair).toEqual({ key: 'signalr:send:4', role: 'response', error: true });
  });

  it('leaves fire-and-forget invocations (no invocationId) unpaired', () => {
    const push = only(signalrJson, received(`{"type":1,"target":"ReceiveMessage","arguments":["alice","hi"]}${RS}`));
    expect(push.summary).toBe('invoke ReceiveMessage');
    expect(push.pair).toBeUndefined();
  });

  it('keys a server-to-client invocation by the server as invoker', () => {
    expect(only(signalrJson, received(`{"type":1,"invocationId":"9","target":"GetName","arguments":[]}${RS}`)).pair?.key).toBe(
      'signalr:recv:9',
    );
    expect(only(signalrJson, sent(`{"type":3,"invocationId":"9","result":"bob"}${RS}`)).pair?.key).toBe('signalr:recv:9');
  });

  it('follows a stream: stream invocation, items, completion; cancel ends it', () => {
    expect(only(signalrJson, sent(`{"type":4,"invocationId":"1","target":"Counter","arguments":[10,500]}${RS}`))).toMatchObject({
      summary: 'stream Counter #1',
      pair: { key: 'signalr:send:1', role: 'request', name: 'Counter' },
    });
    expect(only(signalrJson, received(`{"type":2,"invocationId":"1","item":0}${RS}`))).toMatchObject({
      summary: 'item #1',
      pair: { key: 'signalr:send:1', role: 'next' },
    });
    expect(only(signalrJson, sent(`{"type":5,"invocationId":"1"}${RS}`))).toMatchObject({
      summary: 'cancel #1',
      pair: { key: 'signalr:send:1', role: 'end' },
    });
  });

  it('marks pings as heartbeats and reads close with its error', () => {
    expect(only(signalrJson, received(`{"type":6}${RS}`))).toMatchObject({ summary: 'ping', heartbeat: true, fields: { type: 'ping' } });
    expect(only(signalrJson, received(`{"type":7,"error":"Server timeout elapsed.","allowReconnect":true}${RS}`)).summary).toBe(
      'close error Server timeout elapsed.',
    );
  });

  it('gives each record of a frame its own message', () => {
    expect(summaries(signalrJson, received(`{}${RS}{"type":1,"target":"Joined","arguments":["bob"]}${RS}{"type":6}${RS}`))).toEqual([
      'handshake ok',
      'invoke Joined',
      'ping',
    ]);
  });
});

describe('signalr-json: previews', () => {
  it('decodes the whole records of a preview and reads the cut one from its start', () => {
    const text = `{"type":6}${RS}{"type":1,"invocationId":"5","target":"Upload","arguments":["${'d'.repeat(3000)}"]}${RS}`;
    const result = signalrJson.decode(preview('send', text), {});
    expect(result).toMatchObject({ ok: true, partial: true });
    expect(result.ok && result.messages.map((m) => m.summary)).toEqual(['ping', 'invoke Upload #5']);
    expect(result.ok && result.messages[1].pair).toEqual({ key: 'signalr:send:5', role: 'request', name: 'Upload' });
  });
});

describe('signalr-json: malformed frames', () => {
  it.each([
    ['{"type":6}', /does not end with 0x1E/],
    [`{"type":6${RS}`, /invalid JSON/],
    [`[1,2]${RS}`, /must be a JSON object/],
    [`{"type":42}${RS}`, /unknown message type 42/],
    [`{"type":"1"}${RS}`, /unknown message type "1"/],
    [`{"type":1,"arguments":[]}${RS}`, /invoke needs a target/],
    [`{"type":3,"result":1}${RS}`, /completion needs an invocationId/],
    [`{"hello":"world"}${RS}`, /must be a handshake/],
    [`{"type":6}${RS}{"type":99}${RS}`, /^record 2: unknown message type 99/],
    [RS, /invalid JSON/],
    ['', /an empty frame/],
  ])('rejects %j', (text, error) => {
    expect(errorOf(signalrJson, received(text))).toMatch(error);
  });

  it('points binary frames to the MessagePack decoder', () => {
    expect(signalrJson.decode({ dir: 'recv', bytes: new Uint8Array([0x03, 0x91, 0x06]), complete: true }, {})).toMatchObject({
      ok: false,
      error: /MessagePack/,
    });
  });

  it('caps 100,000 records in one frame at 1,000 messages, quickly', () => {
    const { value, ms } = timed(() => messagesOf(signalrJson, received(`{"type":6}${RS}`.repeat(100_000))));
    expect(value).toHaveLength(1001);
    expect(value[1000].summary).toBe('… 99000 more not decoded');
    expect(ms).toBeLessThan(1000);
  });
});

describe('signalr-json: detection hints', () => {
  it('matches hub URLs carrying the connection id', () => {
    expect(signalrJson.url?.test('wss://example.com/chathub?id=Q2xpZW50SWQ&access_token=x')).toBe(true);
    expect(signalrJson.url?.test('ws://localhost:5000/hubs/notifications/?id=abc')).toBe(true);
    expect(signalrJson.url?.test('ws://localhost:5000/ws?id=abc')).toBe(false);
  });

  it('sniffs records ended by 0x1E, not plain JSON', () => {
    expect(signalrJson.sniff?.(sent(`{"protocol":"json","version":1}${RS}`))).toBe(true);
    expect(signalrJson.sniff?.(received(`{"type":1,"target":"X","arguments":[]}${RS}{"type":6}${RS}`))).toBe(true);
    expect(signalrJson.sniff?.(received('{"type":6}'))).toBe(false);
    expect(signalrJson.sniff?.(received(`{"a":1}${RS}`))).toBe(false);
  });
});
