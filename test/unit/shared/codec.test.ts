import { describe, expect, it, vi } from 'vitest';
import {
  base64ToBytes,
  bytesToBase64,
  bytesToHex,
  decodeUtf8Strict,
  hexToBytes,
  latin1Base64,
  utf8Length,
} from '../../../src/shared/codec';

const bytes = (...values: number[]) => new Uint8Array(values);
const ascii = (text: string) => new TextEncoder().encode(text);

describe('base64', () => {
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('encodes %j as %j (RFC 4648 vectors) and back', (text, encoded) => {
    expect(bytesToBase64(ascii(text))).toBe(encoded);
    expect(base64ToBytes(encoded)).toEqual(ascii(text));
  });

  it('round-trips every byte value, and inputs larger than one internal chunk', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(base64ToBytes(bytesToBase64(all))).toEqual(all);
    const big = Uint8Array.from({ length: 100_001 }, (_, i) => (i * 7) & 255);
    const encoded = bytesToBase64(big);
    expect(encoded).toBe(Buffer.from(big).toString('base64'));
    // A view into a larger buffer (the relay encodes views of a batch's pack), across a chunk boundary.
    const view = big.subarray(5, 8_200);
    expect(bytesToBase64(view)).toBe(Buffer.from(view).toString('base64'));
    // Compared as buffers: an element-wise matcher over 100 000 bytes is needlessly slow.
    expect(Buffer.from(base64ToBytes(encoded) ?? []).equals(Buffer.from(big))).toBe(true);
  });

  it('encodes through the browser’s own Uint8Array.prototype.toBase64 where there is one, and without it if it throws', async () => {
    const proto = Uint8Array.prototype as { toBase64?: (this: Uint8Array) => string };
    const calls: number[] = [];
    let refuse = false;
    // What Chromium 140+ and Firefox 133+ have (Node 20 has not): taken when the module loads.
    proto.toBase64 = function (this: Uint8Array) {
      calls.push(this.length);
      if (refuse) throw new Error('Permission denied to access property');
      return Buffer.from(this).toString('base64');
    };
    try {
      vi.resetModules();
      const fresh = await import('../../../src/shared/codec');
      const sample = Uint8Array.from({ length: 70 }, (_, i) => (i * 13) & 255);
      expect(fresh.bytesToBase64(sample)).toBe(latin1Base64(sample));
      expect(calls).toEqual([70]);
      refuse = true;
      expect(fresh.bytesToBase64(sample)).toBe(latin1Base64(sample));
      expect(calls).toEqual([70, 70]);
    } finally {
      delete proto.toBase64;
    }
  });

  it('uses + and / and ignores whitespace when decoding', () => {
    expect(bytesToBase64(bytes(0xfb, 0xff))).toBe('+/8=');
    expect(base64ToBytes(' +/8=\n')).toEqual(bytes(0xfb, 0xff));
  });

  it.each([
    ['Zg=', 'length not a multiple of 4'],
    ['Zm9', 'missing padding'],
    ['Zm-v', 'URL-safe alphabet'],
    ['Z=g=', 'padding in the middle'],
    ['Zé==', 'non-ASCII'],
    ['====', 'padding only'],
  ])('rejects %j (%s)', (text) => {
    expect(base64ToBytes(text)).toBeNull();
  });
});

describe('utf8Length', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['😀', 4],
    ['a😀b', 6],
    ['\ud83d', 3],
    ['\ude00', 3],
    ['\ude00\ud83d', 6],
    ['x\ud83dy', 5],
  ])('%j is %i bytes (lone surrogates count as U+FFFD)', (text, length) => {
    expect(utf8Length(text)).toBe(length);
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
  });
});

describe('hex', () => {
  it('prints bytes as lowercase pairs with a separator', () => {
    expect(bytesToHex(bytes(0, 15, 16, 255))).toBe('00 0f 10 ff');
    expect(bytesToHex(bytes(0xde, 0xad), '')).toBe('dead');
    expect(bytesToHex(bytes())).toBe('');
  });

  it('parses hex with spaces, colons, commas or 0x prefixes', () => {
    expect(hexToBytes('de ad be ef')).toEqual(bytes(0xde, 0xad, 0xbe, 0xef));
    expect(hexToBytes('0xDE,0xAD')).toEqual(bytes(0xde, 0xad));
    expect(hexToBytes('de:ad')).toEqual(bytes(0xde, 0xad));
    expect(hexToBytes('')).toEqual(bytes());
  });

  it('rejects odd lengths and non-hex characters', () => {
    expect(hexToBytes('abc')).toBeNull();
    expect(hexToBytes('zz')).toBeNull();
  });
});

describe('decodeUtf8Strict', () => {
  it('decodes valid UTF-8 and refuses invalid sequences', () => {
    expect(decodeUtf8Strict(ascii('héllo 😀'))).toBe('héllo 😀');
    expect(decodeUtf8Strict(bytes(0xff))).toBeNull();
    expect(decodeUtf8Strict(bytes(0xc3))).toBeNull();
    expect(decodeUtf8Strict(bytes(0xed, 0xa0, 0x80))).toBeNull();
  });
});
