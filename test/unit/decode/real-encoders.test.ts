/**
 * The decoders against what the real client libraries write: each library's own encoder produces the
 * frame (no hand-written fixture), and the decoder must read it back with the right summary and pairing.
 */
import { JsonHubProtocol, MessageType as SignalRType } from '@microsoft/signalr';
import { FrameImpl } from '@stomp/stompjs';
import { MessageType, stringifyMessage } from 'graphql-ws';
// @ts-expect-error phoenix ships no type declarations; the one function used is typed below.
import { Serializer as untypedSerializer } from 'phoenix';
import { Encoder, PacketType } from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { graphqlTransportWs } from '../../../src/panel/decode/protocols/graphql-transport-ws';
import { phoenix } from '../../../src/panel/decode/protocols/phoenix';
import { signalrJson } from '../../../src/panel/decode/protocols/signalr-json';
import { socketio } from '../../../src/panel/decode/protocols/socketio';
import { stomp } from '../../../src/panel/decode/protocols/stomp';
import { only, sent } from './decode-helpers';

interface PhoenixMessage {
  join_ref: string;
  ref: string;
  topic: string;
  event: string;
  payload: unknown;
}
const Serializer = untypedSerializer as { encode(message: PhoenixMessage, callback: (out: string | ArrayBuffer) => void): void };

describe('decoders read what the real libraries encode', () => {
  it('socket.io-parser: an event with an ack in a namespace, and a binary event with its attachment', () => {
    const encoder = new Encoder();
    // Engine.IO prefixes `4` (message) to each text packet on the wire.
    const [event] = encoder.encode({ type: PacketType.EVENT, nsp: '/admin', id: 12, data: ['kick', { user: 'bob' }] });
    expect(only(socketio, sent(`4${event}`))).toMatchObject({
      summary: 'EVENT kick ack 12 in /admin',
      pair: { key: 'sio:/admin:send:12', role: 'request', name: 'kick' },
    });
    const [binary, attachment] = encoder.encode({ type: PacketType.EVENT, nsp: '/', data: ['upload', new Uint8Array([1, 2, 3])] });
    expect(only(socketio, sent(`4${binary}`))).toMatchObject({ summary: 'BINARY_EVENT upload +1 attachment', attachments: 1 });
    expect(only(socketio, { dir: 'send', bytes: attachment as Uint8Array, complete: true }).summary).toBe('ATTACHMENT 3 bytes');
  });

  it('@stomp/stompjs FrameImpl: SEND with content-length and receipt, escaped 1.2 headers', () => {
    const frame = FrameImpl.marshall({
      command: 'SEND',
      headers: { destination: '/queue/a', receipt: 'r-1', note: 'a:b\nc' },
      body: 'héllo',
      escapeHeaderValues: true,
    });
    const message = only(stomp, sent(frame as string));
    expect(message.summary).toBe('SEND /queue/a');
    expect(message.pair).toEqual({ key: 'stomp:receipt:r-1', role: 'request', name: 'SEND /queue/a' });
    expect(message.body).toMatchObject({ headers: { note: 'a:b\nc', 'content-length': '6' }, body: 'héllo' });
  });

  it('graphql-ws stringifyMessage: subscribe, next, complete', () => {
    const subscribe = stringifyMessage({
      id: 'op-1',
      type: MessageType.Subscribe,
      payload: { query: 'subscription OnMessage { message }', variables: {} },
    });
    expect(only(graphqlTransportWs, sent(subscribe)).summary).toBe('subscribe #op-1 subscription OnMessage');
    const next = stringifyMessage({ id: 'op-1', type: MessageType.Next, payload: { data: { message: 'hi' } } });
    expect(only(graphqlTransportWs, { dir: 'recv', text: next, complete: true }).pair).toEqual({ key: 'gql:op-1', role: 'next' });
    const complete = stringifyMessage({ id: 'op-1', type: MessageType.Complete });
    expect(only(graphqlTransportWs, { dir: 'recv', text: complete, complete: true }).pair).toEqual({ key: 'gql:op-1', role: 'end' });
  });

  it('phoenix Serializer: a v2 text join and a v2 binary push', () => {
    let text = '';
    Serializer.encode({ join_ref: '1', ref: '1', topic: 'room:lobby', event: 'phx_join', payload: {} }, (out) => {
      text = out as string;
    });
    expect(only(phoenix, sent(text)).pair).toEqual({ key: 'phx:1', role: 'request', name: 'phx_join' });
    let binary = new ArrayBuffer(0);
    Serializer.encode({ join_ref: '1', ref: '2', topic: 'room:lobby', event: 'file', payload: new Uint8Array([5, 6]).buffer }, (out) => {
      binary = out as ArrayBuffer;
    });
    expect(only(phoenix, { dir: 'send', bytes: new Uint8Array(binary), complete: true })).toMatchObject({
      summary: 'file room:lobby',
      pair: { key: 'phx:2', role: 'request', name: 'file' },
    });
  });

  it('@microsoft/signalr JsonHubProtocol: invocation, completion and ping records', () => {
    const protocol = new JsonHubProtocol();
    const invocation = protocol.writeMessage({
      type: SignalRType.Invocation,
      invocationId: '3',
      target: 'SendMessage',
      arguments: ['a', 'hi'],
      streamIds: [],
    });
    expect(only(signalrJson, sent(invocation)).summary).toBe('invoke SendMessage #3');
    const completion = protocol.writeMessage({ type: SignalRType.Completion, invocationId: '3', result: 1, headers: {} });
    expect(only(signalrJson, { dir: 'recv', text: completion, complete: true }).pair).toEqual({ key: 'signalr:send:3', role: 'response' });
    expect(only(signalrJson, sent(protocol.writeMessage({ type: SignalRType.Ping })))).toMatchObject({ summary: 'ping', heartbeat: true });
  });
});
