import { MessageType } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { encode as msgpackEncode } from '@msgpack/msgpack';
import { encode as cborEncode } from 'cborg';
import { generate } from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { detectProtocol } from '../../../src/panel/decode/detect';
import type { ConnectionHints, Frame } from '../../../src/panel/decode/types';

const hints = (protocol = '', url = 'wss://example.test/ws'): ConnectionHints => ({ url, protocols: protocol ? [protocol] : [], protocol });
const binary = (bytes: Iterable<number>, dir: Frame['dir'] = 'send', complete = true): Frame => ({
  dir,
  bytes: new Uint8Array([...bytes]),
  complete,
});
const text = (value: string, dir: Frame['dir'] = 'send'): Frame => ({ dir, text: value, complete: true });
const byContent = (...frames: Frame[]) => detectProtocol(hints(), frames);

const CONNECT = [...generate({ cmd: 'connect', clientId: 'client-1', protocolVersion: 4, clean: true, keepalive: 60 })];
const PUBLISH = [...generate({ cmd: 'publish', topic: 't', qos: 0, payload: 'x'.repeat(600), retain: false, dup: false })];
const hub = new MessagePackHubProtocol();

describe('detection of binary protocols', () => {
  it('the negotiated MQTT subprotocol wins, whatever the frames hold', () => {
    expect(detectProtocol(hints('mqtt'), [binary(msgpackEncode({ a: 1 }))])).toEqual({ protocol: 'mqtt', by: 'subprotocol' });
    expect(detectProtocol(hints('MQTTv3.1'), [])).toEqual({ protocol: 'mqtt', by: 'subprotocol' });
  });

  it('MQTT by content: whole packets whose lengths fill the frame', () => {
    expect(byContent(binary(CONNECT))).toEqual({ protocol: 'mqtt', by: 'content' });
    expect(byContent(binary([0x20, 0x02, 0x00, 0x00], 'recv'))).toEqual({ protocol: 'mqtt', by: 'content' });
    // A cut preview is claimed only when it starts with a readable CONNECT.
    expect(byContent(binary([...CONNECT, ...PUBLISH].slice(0, 512), 'send', false))).toEqual({ protocol: 'mqtt', by: 'content' });
    expect(byContent(binary(PUBLISH.slice(0, 512), 'send', false)).protocol).not.toBe('mqtt');
    // A CONNECT type byte followed by anything is not enough.
    expect(byContent(binary([0x10, 0xff, 0x01, 0x02, 0x03, 0x04], 'send', false)).protocol).not.toBe('mqtt');
  });

  it('SignalR MessagePack by its text handshake or its length-prefixed hub records', () => {
    expect(byContent(text('{"protocol":"messagepack","version":1}\u001e'))).toEqual({ protocol: 'signalr-msgpack', by: 'content' });
    const records = new Uint8Array(
      hub.writeMessage({ type: MessageType.Invocation, headers: {}, invocationId: '1', target: 'Send', arguments: [1] }),
    );
    expect(byContent(binary(records))).toEqual({ protocol: 'signalr-msgpack', by: 'content' });
    // The handshake answer alone (`{}`) could be any JSON: it is not claimed.
    expect(byContent(binary(new TextEncoder().encode('{}\u001e'), 'recv')).protocol).not.toBe('signalr-msgpack');
  });

  it('MessagePack and CBOR by content: one whole map or array', () => {
    expect(byContent(binary(msgpackEncode({ type: 'chat', n: 1 })))).toEqual({ protocol: 'msgpack', by: 'content' });
    expect(byContent(binary(msgpackEncode({ a: 1, b: 2 })))).toEqual({ protocol: 'msgpack', by: 'content' });
    expect(byContent(binary(cborEncode({ type: 'chat', n: 1 })))).toEqual({ protocol: 'cbor', by: 'content' });
  });

  it('bytes that are whole values in both formats go to MessagePack, which is tried first', () => {
    // CBOR [1, 2, 3, "four"] is also the MessagePack map {1: 2, 3: 100, 102: 111, 117: 114}.
    expect(byContent(binary(cborEncode([1, 2, 3, 'four'])))).toEqual({ protocol: 'msgpack', by: 'content' });
  });

  it('stays conservative: scalars, random bytes, trailing bytes and text are not claimed', () => {
    expect(byContent(binary([0x05]))).toEqual({ protocol: 'raw', by: 'fallback' });
    expect(byContent(binary([0x00, 0x01, 0x02, 0xff]))).toEqual({ protocol: 'raw', by: 'fallback' });
    expect(byContent(binary([...msgpackEncode({ a: 1 }), 0x00, 0x00, 0x00]))).toEqual({ protocol: 'raw', by: 'fallback' });
    expect(byContent(binary(new TextEncoder().encode('hello world')))).toEqual({ protocol: 'raw', by: 'fallback' });
    expect(byContent(text('{"type":"chat"}'))).toEqual({ protocol: 'json', by: 'content' });
  });

  it('protobuf is never guessed: it needs a schema', () => {
    expect(byContent(binary([0x0a, 0x02, 0x68, 0x69])).protocol).not.toBe('protobuf');
  });
});

describe('a URL two protocols share', () => {
  it('keeps the URL choice until the first frames refute it, then takes the protocol their content shows', async () => {
    const { detectProtocol } = await import('../../../src/panel/decode/detect');
    const { encode } = await import('@msgpack/msgpack');
    const record = (value: unknown) => {
      const body = encode(value);
      return new Uint8Array([body.length, ...body]);
    };
    const hints = { url: 'wss://app.test/hub?id=abc', protocols: [], protocol: '' };
    const handshake = { dir: 'send' as const, text: '{"protocol":"messagepack","version":1}\u001e', complete: true };
    expect(detectProtocol(hints, []).protocol).toBe('signalr-json');
    expect(detectProtocol(hints, [handshake]).protocol).toBe('signalr-json');
    const invocation = { dir: 'send' as const, bytes: record([1, {}, '1', 'SendMessage', ['hi']]), complete: true };
    const completion = { dir: 'recv' as const, bytes: record([3, {}, '1', 3, 'ok']), complete: true };
    expect(detectProtocol(hints, [handshake, invocation, completion])).toEqual({ protocol: 'signalr-msgpack', by: 'content' });
  });
});
