import { describe, expect, it } from 'vitest';
import { compileQuery, itemText, matchItems } from '../../../src/panel/search/match-texts';
import { riskyPattern } from '../../../src/panel/search/risky-pattern';

describe('compileQuery and matchItems', () => {
  it('matches text ignoring case, and regular expressions', () => {
    const plain = compileQuery({ text: 'Hello', regex: false });
    const re = compileQuery({ text: '^h.llo$', regex: true });
    if (!plain.ok || !re.ok) throw new Error('should compile');
    expect([...matchItems(plain.test, [{ text: 'say HELLO' }, { text: 'bye' }])]).toEqual([1, 0]);
    expect([...matchItems(re.test, [{ text: 'hallo' }, { text: 'hallo!' }])]).toEqual([1, 0]);
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
