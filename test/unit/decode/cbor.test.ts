import { encode, Tagged } from 'cborg';
import { describe, expect, it } from 'vitest';
import { cbor } from '../../../src/panel/decode/protocols/cbor';
import type { DecodeResult } from '../../../src/panel/decode/types';

const decode = (bytes: Iterable<number>, complete = true): DecodeResult =>
  cbor.decode({ dir: 'recv', bytes: new Uint8Array([...bytes]), complete }, {});
const first = (result: DecodeResult) => {
  if (!result.ok) throw new Error(result.error);
  return result.messages[0];
};

describe('CBOR', () => {
  it('summarises a map by its type field, else by its shape', () => {
    expect(first(decode(encode({ type: 'reading', value: 21.5 })))).toMatchObject({
      summary: 'reading',
      fields: { type: 'reading' },
      body: { type: 'reading', value: 21.5 },
    });
    expect(first(decode(encode({ a: 1, b: [1, 2], c: null }))).summary).toBe('map 3 keys');
    expect(first(decode(encode([1, 'two', true]))).summary).toBe('array 3');
  });

  it('keeps maps with non-string keys as [key, value] pairs, bigint and bytes', () => {
    const message = first(
      decode(
        encode(
          new Map<unknown, unknown>([
            [1, 'one'],
            ['k', new Uint8Array([9])],
            [2n ** 64n - 1n, true],
          ]),
        ),
      ),
    );
    expect(message.summary).toBe('map 3 keys');
    // cborg's encoder sorts keys, so compare as a set of pairs.
    expect(message.body).toHaveLength(3);
    expect(message.body).toEqual(
      expect.arrayContaining([
        [1, 'one'],
        ['k', new Uint8Array([9])],
        [2n ** 64n - 1n, true],
      ]),
    );
  });

  it('keeps tags as {tag, value} and undefined as null', () => {
    // Tag 1 (epoch time) around 1700000000, and a hand-written `undefined` (0xf7) in an array.
    expect(first(decode(encode(new Tagged(1, 1_700_000_000)))).body).toEqual({ tag: 1, value: 1_700_000_000 });
    expect(first(decode([0x82, 0xf7, 0x01])).body).toEqual([null, 1]);
  });

  it('reads indefinite-length arrays and maps', () => {
    // [_ 1, {_ "a": 2}] written by hand.
    expect(first(decode([0x9f, 0x01, 0xbf, 0x61, 0x61, 0x02, 0xff, 0xff])).body).toEqual([1, { a: 2 }]);
  });

  it('refuses truncated data, trailing bytes and impossible lengths with a reason', () => {
    expect(decode([0x82, 0x01])).toMatchObject({ ok: false, error: expect.stringMatching(/not enough entries/) });
    expect(decode([0x81, 0x01, 0x02])).toMatchObject({ ok: false, error: expect.stringMatching(/too many terminals/) });
    expect(decode([0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])).toMatchObject({ ok: false });
    expect(decode([0x7a, 0x7f, 0xff, 0xff, 0xff, 0x61])).toMatchObject({ ok: false });
    expect(decode([0xff])).toMatchObject({ ok: false });
    expect(decode([])).toMatchObject({ ok: false, error: 'an empty frame' });
  });

  it('refuses a 1e5-deep map before cborg recurses into it', () => {
    const deep = new Uint8Array(100_001).fill(0xa1);
    for (let at = 1; at < deep.length; at += 2) deep[at] = 0x60; // {"": {"": …}}
    deep[100_000] = 0xf6;
    const started = performance.now();
    expect(decode(deep)).toEqual({ ok: false, protocol: 'cbor', error: 'nested deeper than 256 levels' });
    expect(performance.now() - started).toBeLessThan(2000);
    // Deep arrays, and tags wrapping tags, count too.
    expect(decode(new Uint8Array(50_000).fill(0x81))).toMatchObject({ ok: false, error: /nested deeper/ });
    expect(decode(new Uint8Array(50_000).fill(0xc6))).toMatchObject({ ok: false, error: /nested deeper/ });
  });

  it('tells the shape of a cut frame from its first token', () => {
    const long = encode({ type: 'x', data: 'y'.repeat(1000) });
    expect(decode(long.subarray(0, 512), false)).toMatchObject({ ok: true, partial: true, messages: [{ summary: 'map 2 keys' }] });
  });
});
