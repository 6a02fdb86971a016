import { describe, expect, it } from 'vitest';
import { draftOf, emptyDraft, type RuleDraft, ruleFromDraft } from '../../../src/panel/message-rules/draft';
import { parseJsonPath, parseTemplate } from '../../../src/panel/message-rules/json-path';
import { ruleProblems } from '../../../src/panel/message-rules/validate';
import { LIMITS } from '../../../src/shared/limits';
import { delayChat, dropHello, mockUser } from './fixtures';

const draft = (patch: Partial<RuleDraft>): RuleDraft => ({ ...emptyDraft(), ...patch });
const problemsOf = (patch: Partial<RuleDraft>) => {
  const built = ruleFromDraft(draft(patch));
  return built.ok ? [] : built.problems.map((p) => `${p.field}: ${p.message}`);
};

describe('JSON paths', () => {
  it('reads dotted names and [n] indexes', () => {
    expect(parseJsonPath('data.items[0].id')).toEqual({ ok: true, steps: ['data', 'items', 0, 'id'] });
    expect(parseJsonPath('[2].name')).toEqual({ ok: true, steps: [2, 'name'] });
    expect(parseJsonPath('requestId')).toEqual({ ok: true, steps: ['requestId'] });
  });

  it('refuses empty names, stray characters and empty paths', () => {
    for (const bad of ['', 'a..b', '.a', 'a.', 'a[x]', 'a[0]b', 'a b']) expect(parseJsonPath(bad), bad).toMatchObject({ ok: false });
  });
});

describe('templates', () => {
  it('lists their placeholders once each; {{}} is the whole request', () => {
    expect(parseTemplate('{"id":{{requestId}},"echo":{{}},"again":{{ requestId }}}')).toEqual({ ok: true, paths: ['requestId', ''] });
    expect(parseTemplate('no placeholders')).toEqual({ ok: true, paths: [] });
  });

  it('names an unclosed placeholder and a bad path', () => {
    expect(parseTemplate('{"id":{{requestId}')).toEqual({ ok: false, error: 'A "{{" at character 7 is never closed with "}}".' });
    expect(parseTemplate('{{a..b}}')).toMatchObject({ ok: false, error: expect.stringContaining('Placeholder {{a..b}}') });
  });
});

describe('rule validation', () => {
  it('accepts the fixtures', () => {
    for (const rule of [dropHello, delayChat, mockUser]) expect(ruleProblems(rule), rule.action.a).toEqual([]);
  });

  it('checks the URL pattern only when it is a /regex/', () => {
    expect(problemsOf({ url: 'chat(', matchText: 'x' })).toEqual([]);
    expect(problemsOf({ url: '/chat(/', matchText: 'x' })).toEqual([expect.stringMatching(/^url: Not a valid regular expression/)]);
  });

  it('refuses a match regex that does not compile, is too long or is risky', () => {
    expect(problemsOf({ match: 'regex', matchPattern: '(' })).toEqual([
      expect.stringMatching(/^matchPattern: Not a valid regular expression/),
    ]);
    expect(problemsOf({ match: 'regex', matchPattern: 'a'.repeat(LIMITS.ruleRegex + 1) })).toEqual([
      `matchPattern: The expression is too long (at most ${LIMITS.ruleRegex} characters).`,
    ]);
    expect(problemsOf({ match: 'regex', matchPattern: '(a+)+$' })).toEqual([
      expect.stringMatching(/^matchPattern: Refused: a repeated group/),
    ]);
    expect(problemsOf({ match: 'regex', matchPattern: '"type":"chat"' })).toEqual([]);
  });

  it('checks JSON paths and JSON values', () => {
    expect(problemsOf({ match: 'json-equals', jsonPath: 'data..type', jsonValue: 'chat' })).toEqual([
      'jsonPath: A name is missing in the path (two dots in a row, or a dot at an end).',
      'jsonValue: Not valid JSON (a string needs double quotes: "chat").',
    ]);
    expect(problemsOf({ match: 'json-exists', jsonPath: 'data.items[0]' })).toEqual([]);
    expect(problemsOf({ matchText: 'x', action: 'json-set', setPath: 'user.name', setValue: '{"first":"Ada"}' })).toEqual([]);
    expect(problemsOf({ matchText: 'x', action: 'json-set', setPath: 'user.name', setValue: "{'a':1}" })).toEqual([
      'setValue: Not valid JSON (a string needs double quotes: "chat").',
    ]);
  });

  it('checks templates, and that a mock answers sends', () => {
    expect(problemsOf({ dir: 'send', matchText: 'x', action: 'mock', template: '{"id":{{id}' })).toEqual([
      'template: A "{{" at character 7 is never closed with "}}".',
    ]);
    expect(problemsOf({ dir: 'recv', matchText: 'x', action: 'mock', template: '{}' })).toEqual([
      'template: A mock answers a sent message: set Direction to "sent".',
    ]);
  });

  it('keeps delays within 0..ruleDelayMax and throttles above 0', () => {
    const delay = `delayMs: Enter a whole number of milliseconds from 0 to ${LIMITS.ruleDelayMax}.`;
    expect(problemsOf({ matchText: 'x', delayMs: '-1' })).toEqual([delay]);
    expect(problemsOf({ matchText: 'x', delayMs: String(LIMITS.ruleDelayMax + 1) })).toEqual([delay]);
    expect(problemsOf({ matchText: 'x', delayMs: '1.5' })).toEqual([delay]);
    expect(problemsOf({ matchText: 'x', delayMs: '' })).toEqual([delay]);
    expect(problemsOf({ matchText: 'x', delayMs: '0' })).toEqual([]);
    expect(problemsOf({ match: 'any', action: 'throttle', perSecond: '0' })).toEqual([
      'perSecond: Enter a number of messages per second greater than 0.',
    ]);
    expect(problemsOf({ match: 'any', action: 'throttle', perSecond: '0.5' })).toEqual([]);
  });

  it('asks for the text a text match or a replace needs', () => {
    expect(problemsOf({ matchText: '' })).toEqual(['matchText: Enter the text to look for.']);
    expect(problemsOf({ matchText: 'x', action: 'replace', find: '' })).toEqual(['find: Enter the text to find.']);
    expect(problemsOf({ matchText: 'x', action: 'replace', find: '(', findRegex: true })).toEqual([
      expect.stringMatching(/^find: Not a valid regular expression/),
    ]);
  });
});

describe('drafts', () => {
  it('round-trip every fixture rule through the editor unchanged', () => {
    for (const rule of [dropHello, delayChat, mockUser]) {
      const { id: _id, on: _on, ...content } = rule;
      expect(ruleFromDraft(draftOf(rule))).toEqual({ ok: true, rule: content });
    }
  });
});
