import { encode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import { msgpack } from '../../../src/panel/decode/protocols/msgpack';
import type { DecodeResult } from '../../../src/panel/decode/types';

const decode = (bytes: Iterable<number>, complete = true): DecodeResult =>
  msgpack.decode({ dir: 'recv', bytes: new Uint8Array([...bytes]), complete }, {});
const first = (result: DecodeResult) => {
  if (!result.ok) throw new Error(result.error);
  return result.messages[0];
};

const msgpackTimestamp = [...encode(new Date(1000))];

/** A map nested `depth` levels: {"": {"": … nil}}, as a hostile sender would write it. */
function deepMap(depth: number): Uint8Array {
  const bytes = new Uint8Array(depth * 2 + 1);
  for (let level = 0; level < depth; level++) bytes.set([0x81, 0xa0], level * 2);
  bytes[depth * 2] = 0xc0;
  return bytes;
}

describe('MessagePack', () => {
  it('summarises a map by its type field, else by its shape', () => {
    expect(first(decode(encode({ type: 'chat', text: 'hi', n: 3 })))).toMatchObject({
      summary: 'chat',
      fields: { type: 'chat' },
      body: { type: 'chat', text: 'hi', n: 3 },
    });
    expect(first(decode(encode({ a: 1, b: 2, c: 3 }))).summary).toBe('map 3 keys');
    expect(first(decode(encode([1, 2, 3, 4, 5]))).summary).toBe('array 5');
    expect(first(decode(encode('hello'))).summary).toBe('"hello"');
  });

  it('keeps 64-bit integers exact as bigint and bytes as a copy', () => {
    const frame = encode({ big: 2n ** 63n - 1n, bin: new Uint8Array([1, 2, 3]) }, { useBigInt64: true });
    const body = first(decode(frame)).body as { big: unknown; bin: Uint8Array };
    expect(body.big).toBe(2n ** 63n - 1n);
    expect(body.bin).toEqual(new Uint8Array([1, 2, 3]));
    expect(body.bin.buffer).not.toBe(frame.buffer);
  });

  it('shows extension types as {extension, data} and timestamps as ISO text', () => {
    // [ext 5 (fixext1, one byte 0x2a), the timestamp extension for 1970-01-01T00:00:01Z]
    const body = first(decode([0x92, 0xd4, 0x05, 0x2a, ...msgpackTimestamp])).body;
    expect(body).toEqual([{ extension: 5, data: new Uint8Array([0x2a]) }, '1970-01-01T00:00:01.000Z']);
  });

  it('shows non-string map keys in a readable form', () => {
    // {1: "one", [1, 2]: "pair"} written by hand: fixmap 2, key 1, key fixarray [1, 2].
    const body = first(decode([0x82, 0x01, 0xa3, ...Buffer.from('one'), 0x92, 0x01, 0x02, 0xa4, ...Buffer.from('pair')])).body;
    expect(body).toEqual({ 1: 'one', '[1,2]': 'pair' });
  });

  it('refuses a __proto__ key (the library will not build it) with a reason', () => {
    expect(decode([0x81, 0xa9, ...Buffer.from('__proto__'), 0x81, 0xa1, 0x78, 0x01])).toEqual({
      ok: false,
      protocol: 'msgpack',
      error: 'The key __proto__ is not allowed',
    });
  });

  it('refuses truncated data, trailing bytes and lengths larger than the frame with a reason', () => {
    expect(decode([0x92, 0x01])).toMatchObject({ ok: false, error: expect.stringMatching(/ends inside a value/) });
    expect(decode([0x91, 0x01, 0x02])).toMatchObject({ ok: false, error: expect.stringMatching(/Extra 1/) });
    expect(decode([0xdd, 0xff, 0xff, 0xff, 0xff, 0x01])).toMatchObject({ ok: false, error: expect.stringMatching(/length/i) });
    expect(decode([0xdb, 0x7f, 0xff, 0xff, 0xff, 0x61])).toMatchObject({ ok: false });
    expect(decode([0xc1])).toMatchObject({ ok: false });
    expect(decode([])).toMatchObject({ ok: false, error: 'an empty frame' });
    expect(msgpack.decode({ dir: 'send', text: '{}', complete: true }, {})).toMatchObject({ ok: false });
  });

  it('refuses a 1e5-deep map quickly, without overflowing the stack', () => {
    const started = performance.now();
    const result = decode(deepMap(100_000));
    expect(result).toEqual({ ok: false, protocol: 'msgpack', error: 'nested deeper than 256 levels' });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(decode(deepMap(200)).ok).toBe(true);
  });

  it('tells the shape of a cut frame from its first bytes', () => {
    const long = encode({ type: 'x', data: 'y'.repeat(1000) });
    expect(decode(long.subarray(0, 512), false)).toMatchObject({ ok: true, partial: true, messages: [{ summary: 'map 2 keys' }] });
    expect(decode(encode(new Array(300).fill(1)).subarray(0, 100), false)).toMatchObject({
      ok: true,
      messages: [{ summary: 'array 300' }],
    });
    expect(decode([0xa5, 0x61], false)).toMatchObject({ ok: false });
  });

  it('never changes the frame', () => {
    const bytes = encode({ type: 'chat', list: [1, 2, 3] });
    const copy = bytes.slice();
    decode(bytes);
    expect(bytes).toEqual(copy);
  });
});
