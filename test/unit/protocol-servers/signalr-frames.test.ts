import { describe, expect, it } from 'vitest';
import { decodeMessages, encodeMessages, type HubMessage, readVarint, splitRecords, varint } from '../../support/protocols/signalr-frames';

const hex = (bytes: string | Uint8Array) => Buffer.from(bytes).toString('hex');

describe('SignalR hub protocols (the fixture hub)', () => {
  it('writes and reads 7-bit varint lengths', () => {
    expect([0, 127, 128, 300, 2 ** 31 - 1].map(varint)).toEqual([[0], [0x7f], [0x80, 0x01], [0xac, 0x02], [0xff, 0xff, 0xff, 0xff, 0x07]]);
    expect(readVarint(Uint8Array.from([9, 0xac, 0x02]), 1)).toEqual([300, 2]);
    expect(() => readVarint(Uint8Array.from([0x80]), 0)).toThrow(/truncated/);
    expect(() => readVarint(Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x01]), 0)).toThrow(/longer than 5 bytes/);
  });

  const messages: HubMessage[] = [
    { type: 1, target: 'ReceiveMessage', arguments: ['page', 'hi'] },
    { type: 1, invocationId: '4', target: 'Add', arguments: [2, 3] },
    { type: 3, invocationId: '4', result: 5 },
    { type: 3, invocationId: '5' },
    { type: 3, invocationId: '6', error: 'boom' },
    { type: 6 },
    { type: 7, error: 'bye', allowReconnect: true },
  ];

  it('JSON: one record per message, each ended by 0x1E', () => {
    const text = encodeMessages('json', [{ type: 6 }, { type: 3, invocationId: '1', result: 5 }]);
    expect(text).toBe('{"type":6}\u001e{"type":3,"invocationId":"1","result":5}\u001e');
    expect(decodeMessages('json', new TextEncoder().encode(text as string))).toEqual([
      { type: 6 },
      { type: 3, invocationId: '1', result: 5 },
    ]);
    expect(() => splitRecords('{"type":6}')).toThrow(/record separator/);
  });

  it('MessagePack: length-prefixed arrays, every message type round trip', () => {
    const bytes = encodeMessages('messagepack', messages) as Uint8Array;
    expect(decodeMessages('messagepack', bytes)).toEqual(messages);
    expect(hex(encodeMessages('messagepack', [{ type: 6 }]))).toBe('029106');
  });

  it('MessagePack: reads the bytes @microsoft/signalr-protocol-msgpack sent in the e2e run', () => {
    // Invocation "Add"(2, 3) with invocationId "0", then Close, as the browser client wrote them.
    expect(decodeMessages('messagepack', Buffer.from('0c950180a130a3416464920203', 'hex'))).toEqual([
      { type: 1, invocationId: '0', target: 'Add', arguments: [2, 3] },
    ]);
    expect(decodeMessages('messagepack', Buffer.from('039207c0', 'hex'))).toEqual([{ type: 7, allowReconnect: false }]);
  });

  it('MessagePack: refuses a message that runs past its frame, or is not an array', () => {
    expect(() => decodeMessages('messagepack', Buffer.from('0c9501', 'hex'))).toThrow(/past the end/);
    expect(() => decodeMessages('messagepack', Buffer.from('0106', 'hex'))).toThrow(/must be an array/);
    expect(() => decodeMessages('messagepack', Buffer.from('029102', 'hex'))).toThrow(/unsupported hub message type 2/);
  });
});
