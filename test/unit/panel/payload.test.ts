import { describe, expect, it } from 'vitest';
import { bodyByteLength, describePayload } from '../../../src/panel/detail/payload';
import { bytesToBase64 } from '../../../src/shared/codec';

const binary = (...values: number[]) => ({ base64: bytesToBase64(new Uint8Array(values)) });
const binaryText = (text: string) => ({ base64: bytesToBase64(new TextEncoder().encode(text)) });

describe('describePayload', () => {
  it('offers plain text as Text and Hex, opening Text', () => {
    const model = describePayload({ text: 'hello' });
    expect(model.views).toEqual(['text', 'hex']);
    expect(model.initial).toBe('text');
    expect([...model.bytes()]).toEqual([104, 101, 108, 108, 111]);
    expect(model.base64()).toBe('aGVsbG8=');
  });

  it('opens JSON documents in the JSON view', () => {
    const model = describePayload({ text: '{"type":"chat"}' });
    expect(model.views).toEqual(['text', 'json', 'hex']);
    expect(model.initial).toBe('json');
    expect(model.json?.ok).toBe(true);
  });

  it('still offers the JSON view, with its error, for text that looks like JSON but is not', () => {
    const model = describePayload({ text: '{"type": chat}' });
    expect(model.initial).toBe('json');
    expect(model.json).toMatchObject({ ok: false, error: { offset: 9 } });
  });

  it('offers JSON for scalar JSON text without opening it', () => {
    expect(describePayload({ text: '42' })).toMatchObject({ views: ['text', 'json', 'hex'], initial: 'text' });
    expect(describePayload({ text: 'typing…' })).toMatchObject({ views: ['text', 'hex'], json: null });
  });

  it('opens a JSON string that holds JSON (double-encoded) in the JSON view', () => {
    expect(describePayload({ text: '"{\\"a\\":1}"' }).initial).toBe('json');
  });

  it('uses the UTF-8 bytes of text, lone surrogates becoming U+FFFD as on the wire', () => {
    expect([...describePayload({ text: 'é\ud800' }).bytes()]).toEqual([0xc3, 0xa9, 0xef, 0xbf, 0xbd]);
  });

  it('shows binary that is not UTF-8 as Hex and Base64 only', () => {
    const model = describePayload(binary(0xff, 0x00, 0x80));
    expect(model).toMatchObject({ binary: true, text: null, views: ['hex', 'base64'], initial: 'hex' });
  });

  it('shows binary that is readable UTF-8 as text, and binary JSON as JSON', () => {
    expect(describePayload(binaryText('héllo'))).toMatchObject({ text: 'héllo', views: ['text', 'hex', 'base64'], initial: 'text' });
    expect(describePayload(binaryText('[1,2]'))).toMatchObject({ views: ['text', 'json', 'hex', 'base64'], initial: 'json' });
  });

  it('opens valid UTF-8 with control characters as Hex', () => {
    expect(describePayload(binary(0x01, 0x02, 0x41)).initial).toBe('hex');
  });

  it('reports binary that arrived as invalid base64', () => {
    const model = describePayload({ base64: '@@@' });
    expect(model.problem).toMatch(/invalid base64/);
    expect(model.bytes()).toHaveLength(0);
    expect(model.base64()).toBe('@@@');
  });
});

describe('bodyByteLength', () => {
  it('counts UTF-8 bytes of text and decoded bytes of base64', () => {
    expect(bodyByteLength({ text: 'a😀' })).toBe(5);
    expect(bodyByteLength({ base64: 'AAEC' })).toBe(3);
    expect(bodyByteLength({ base64: 'AAE=' })).toBe(2);
    expect(bodyByteLength({ base64: 'AA==' })).toBe(1);
    expect(bodyByteLength({ base64: '' })).toBe(0);
  });
});
