import { MessageType } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { encode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import { signalrMsgpack } from '../../../src/panel/decode/protocols/signalr-msgpack';
import type { DecodedMessage, DecodeResult, Frame } from '../../../src/panel/decode/types';

// Frames as the real client library writes them.
const hub = new MessagePackHubProtocol();
const write = (message: Parameters<MessagePackHubProtocol['writeMessage']>[0]) => new Uint8Array(hub.writeMessage(message));
const decode = (dir: Frame['dir'], bytes: Uint8Array, complete = true): DecodeResult => signalrMsgpack.decode({ dir, bytes, complete }, {});
function messages(dir: Frame['dir'], bytes: Uint8Array): DecodedMessage[] {
  const result = decode(dir, bytes);
  if (!result.ok) throw new Error(result.error);
  return result.messages;
}
const concat = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((part) => [...part]));

const INVOKE_3 = write({
  type: MessageType.Invocation,
  headers: {},
  invocationId: '3',
  target: 'SendMessage',
  arguments: ['ann', 'hello'],
  streamIds: [],
});
const COMPLETION_3 = write({ type: MessageType.Completion, headers: {}, invocationId: '3', result: 'ok' });

describe('SignalR MessagePack hub protocol', () => {
  it('an invocation names its target and id, and starts an exchange keyed by the invoker', () => {
    const [invoke] = messages('send', INVOKE_3);
    expect(invoke.summary).toBe('invoke SendMessage #3');
    expect(invoke.fields).toEqual({ type: 'invoke', method: 'SendMessage', id: '3' });
    expect(invoke.pair).toEqual({ key: 'signalr:send:3', role: 'request', name: 'SendMessage' });
    expect(invoke.body).toMatchObject({ type: 1, invocationId: '3', target: 'SendMessage', arguments: ['ann', 'hello'] });
  });

  it('the completion received answers it; an error completion is an error', () => {
    const [completion] = messages('recv', COMPLETION_3);
    expect(completion.summary).toBe('completion #3');
    expect(completion.pair).toEqual({ key: 'signalr:send:3', role: 'response', error: false });
    expect(completion.body).toMatchObject({ type: 3, invocationId: '3', result: 'ok' });
    const [failed] = messages('recv', write({ type: MessageType.Completion, headers: {}, invocationId: '4', error: 'boom' }));
    expect(failed.summary).toBe('completion #4 error');
    expect(failed.pair).toEqual({ key: 'signalr:send:4', role: 'response', error: true });
  });

  it('a server-to-client invocation without an id is not paired', () => {
    const [invoke] = messages(
      'recv',
      write({ type: MessageType.Invocation, headers: {}, target: 'ReceiveMessage', arguments: ['ann', 'hi'] }),
    );
    expect(invoke.summary).toBe('invoke ReceiveMessage');
    expect(invoke.pair).toBeUndefined();
  });

  it('streams: stream invocation, items (next), completion, cancel', () => {
    const start = messages(
      'send',
      write({ type: MessageType.StreamInvocation, headers: {}, invocationId: '5', target: 'Counter', arguments: [3], streamIds: [] }),
    )[0];
    const item = messages('recv', write({ type: MessageType.StreamItem, headers: {}, invocationId: '5', item: 1 }))[0];
    const cancel = messages('send', write({ type: MessageType.CancelInvocation, headers: {}, invocationId: '5' }))[0];
    expect([start.summary, item.summary, cancel.summary]).toEqual(['streamInvoke Counter #5', 'streamItem #5', 'cancel #5']);
    expect([start.pair?.role, item.pair?.role, cancel.pair?.role]).toEqual(['request', 'next', 'end']);
    expect(new Set([start.pair?.key, item.pair?.key, cancel.pair?.key])).toEqual(new Set(['signalr:send:5']));
  });

  it('ping is a heartbeat; close says why', () => {
    const [ping] = messages('recv', write({ type: MessageType.Ping }));
    expect([ping.summary, ping.heartbeat]).toEqual(['ping', true]);
    // Only servers send Close with an error (the JS client writes `[7, nil]`), so this one is written as the server does.
    const closeRecord = encode([7, 'server shut down', true]);
    const [close] = messages('recv', new Uint8Array([closeRecord.length, ...closeRecord]));
    expect(close.summary).toBe('close error');
    expect(close.body).toEqual({ type: 7, error: 'server shut down', allowReconnect: true });
  });

  it('several records in one frame give several messages', () => {
    const all = messages(
      'recv',
      concat(
        COMPLETION_3,
        write({ type: MessageType.Ping }),
        write({ type: MessageType.StreamItem, headers: {}, invocationId: '6', item: 'x' }),
      ),
    );
    expect(all.map((message) => message.summary)).toEqual(['completion #3', 'ping', 'streamItem #6']);
  });

  it('the handshake: sent as text, answered in a binary frame that may carry records after it', () => {
    const request = signalrMsgpack.decode({ dir: 'send', text: '{"protocol":"messagepack","version":1}\u001e', complete: true }, {});
    expect(request).toMatchObject({
      ok: true,
      messages: [{ summary: 'handshake messagepack v1', pair: { key: 'signalr:handshake', role: 'request' } }],
    });
    const answer = messages('recv', concat(new TextEncoder().encode('{}\u001e'), write({ type: MessageType.Ping })));
    expect(answer.map((message) => message.summary)).toEqual(['handshake ok', 'ping']);
    expect(answer[0].pair).toEqual({ key: 'signalr:handshake', role: 'response', error: false });
    const refused = messages('recv', new TextEncoder().encode('{"error":"Requested protocol \'messagepack\' is not available."}\u001e'));
    expect(refused[0].pair?.error).toBe(true);
  });

  it('malformed: a length past the end, a record that is not a hub message, bad MessagePack, JSON hub messages in text', () => {
    expect(decode('recv', INVOKE_3.subarray(0, INVOKE_3.length - 2))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/declares/),
    });
    const notHub = encode({ type: 1 });
    expect(decode('recv', new Uint8Array([notHub.length, ...notHub]))).toMatchObject({ ok: false, error: expect.stringMatching(/array/) });
    expect(decode('recv', new Uint8Array([2, 0x92, 0xc1]))).toMatchObject({ ok: false, error: expect.stringMatching(/record at byte 0/) });
    const unknownType = encode([42, {}]);
    expect(decode('recv', new Uint8Array([unknownType.length, ...unknownType]))).toMatchObject({
      ok: false,
      error: 'unknown message type 42',
    });
    expect(decode('recv', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/VarInt/),
    });
    const json = signalrMsgpack.decode({ dir: 'recv', text: '{"type":1,"target":"x","arguments":[]}\u001e', complete: true }, {});
    expect(json).toMatchObject({ ok: false, error: expect.stringMatching(/not a handshake/) });
  });

  it('refuses a frame of more than 10,000 records', () => {
    const ping = write({ type: MessageType.Ping });
    expect(decode('recv', concat(...new Array(10_001).fill(ping)))).toMatchObject({
      ok: false,
      error: 'more than 10000 records in one frame',
    });
  });

  it('a cut frame keeps its whole records and names the cut one', () => {
    const long = write({ type: MessageType.Invocation, headers: {}, invocationId: '8', target: 'Upload', arguments: ['z'.repeat(2000)] });
    const result = decode('send', concat(COMPLETION_3, long).subarray(0, 512), false);
    expect(result).toMatchObject({ ok: true, partial: true });
    expect(result.ok && result.messages.map((message) => message.summary)).toEqual(['completion #3', 'invoke (cut)']);
  });
});
