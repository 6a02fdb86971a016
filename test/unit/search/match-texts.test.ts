import { describe, expect, it } from 'vitest';
import { compileQuery, itemText, matchBatch } from '../../../src/panel/search/match-texts';
import { riskyPattern } from '../../../src/panel/search/risky-pattern';

describe('compileQuery and matchBatch', () => {
  it('matches text ignoring case, and regular expressions', () => {
    const plain = compileQuery({ text: 'Hello', regex: false });
    const re = compileQuery({ text: '^h.llo$', regex: true });
    if (!plain.ok || !re.ok) throw new Error('should compile');
    expect([...matchBatch(plain.test, { texts: ['say HELLO', 'bye', btoa('hello bytes')], binary: Uint8Array.of(0, 0, 1) })]).toEqual([
      1, 0, 1,
    ]);
    expect([...matchBatch(re.test, { texts: ['hallo', 'hallo!'], binary: new Uint8Array(2) })]).toEqual([1, 0]);
  });

  it('reports an invalid regular expression instead of throwing', () => {
    expect(compileQuery({ text: '(', regex: true })).toEqual({ ok: false, error: expect.stringContaining('Invalid regular expression') });
  });

  it('reads binary as UTF-8 and treats broken base64 as empty', () => {
    expect(itemText({ base64: btoa('caf\u00c3\u00a9') })).toBe('café');
    expect(itemText({ base64: '***' })).toBe('');
  });
});

describe('riskyPattern', () => {
  it.each(['(a+)+$', '(a*)*b', '(?:x+y?)+', '(\\d+)*', '([a-z]+){2,}', '((ab)*c)+'])('refuses %s', (p) => {
    expect(riskyPattern(p)).toMatch(/nested quantifiers/);
  });

  it.each(['a+b*', '(ab)+', '(foo|bar)*', '[(+)]+', '\\(a+\\)+', '(a{1,1})+', '"id":\\s*\\d+', '(a+)?'])('allows %s', (p) => {
    expect(riskyPattern(p)).toBeNull();
  });
});
