import { describe, expect, it } from 'vitest';
import { prettyJson } from '../../../src/panel/actions/json-pretty';
import { jsonError, lineColumn, parsePayload } from '../../../src/panel/actions/payload-format';
import { LIMITS } from '../../../src/shared/limits';

describe('parsePayload', () => {
  it('sends text as typed and counts UTF-8 bytes', () => {
    expect(parsePayload('héllo', 'text')).toEqual({ ok: true, body: { text: 'héllo' }, bytes: 6 });
    expect(parsePayload('', 'text')).toEqual({ ok: true, body: { text: '' }, bytes: 0 });
  });

  it('sends valid JSON as text, unchanged', () => {
    expect(parsePayload('{"a": 1}', 'json')).toEqual({ ok: true, body: { text: '{"a": 1}' }, bytes: 8 });
  });

  it('reports invalid JSON with its line and column', () => {
    const result = parsePayload('{\n  "a": 1,\n  oops\n}', 'json');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^Invalid JSON at line 3, column 3: /);
  });

  it('reports an empty or truncated JSON document at its end', () => {
    expect(jsonError('')).toMatch(/^Invalid JSON at line 1, column 1: /);
    expect(jsonError('{"a":')).toMatch(/^Invalid JSON at line 1, column 6: /);
  });

  it('turns hex into base64 bytes', () => {
    expect(parsePayload('de ad BE EF', 'hex')).toEqual({ ok: true, body: { base64: '3q2+7w==' }, bytes: 4 });
    expect(parsePayload('0x0102', 'hex')).toEqual({ ok: true, body: { base64: 'AQI=' }, bytes: 2 });
  });

  it('refuses odd or non-hex digits', () => {
    expect(parsePayload('abc', 'hex')).toMatchObject({ ok: false, error: expect.stringMatching(/^Invalid hex/) });
    expect(parsePayload('zz', 'hex').ok).toBe(false);
  });

  it('normalises base64 and refuses anything else', () => {
    expect(parsePayload('3q2+\n7w==', 'base64')).toEqual({ ok: true, body: { base64: '3q2+7w==' }, bytes: 4 });
    expect(parsePayload('abc', 'base64')).toMatchObject({ ok: false, error: expect.stringMatching(/^Invalid base64/) });
    expect(parsePayload('ab$=', 'base64').ok).toBe(false);
  });

  it('enforces LIMITS.injectMax', () => {
    const tooLong = 'x'.repeat(LIMITS.injectMax + 1);
    expect(parsePayload(tooLong, 'text')).toMatchObject({ ok: false, error: expect.stringMatching(/^Message too large/) });
    expect(parsePayload('x'.repeat(LIMITS.injectMax), 'text').ok).toBe(true);
  });
});

describe('lineColumn', () => {
  it('counts from 1', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('prettyJson', () => {
  it('indents with two spaces and keeps empty containers compact', () => {
    expect(prettyJson('{"a":[1,2],"b":{},"c":[]}')).toBe('{\n  "a": [\n    1,\n    2\n  ],\n  "b": {},\n  "c": []\n}');
  });

  it('keeps literals verbatim (big integers, 1.0, escapes, duplicate keys)', () => {
    expect(prettyJson('{"id":12345678901234567890,"x":1.0,"s":"a\\"b, c: [d]","id":2}')).toBe(
      '{\n  "id": 12345678901234567890,\n  "x": 1.0,\n  "s": "a\\"b, c: [d]",\n  "id": 2\n}',
    );
  });

  it('returns null for invalid JSON', () => {
    expect(prettyJson('{')).toBeNull();
  });
});
