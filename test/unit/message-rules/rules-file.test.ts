import { signal } from '@preact/signals';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../src/panel/actions/snippets';
import { parseRulesFile, RULES_FORMAT, rulesToFile } from '../../../src/panel/message-rules/rules-file';
import { importRulesText } from '../../../src/panel/message-rules/rules-io';
import { messageRules, rulesStatus } from '../../../src/panel/message-rules/state';
import { loadMessageRules, saveMessageRules } from '../../../src/panel/message-rules/storage';
import { syncMessageRules } from '../../../src/panel/message-rules/sync';
import { LIMITS } from '../../../src/shared/limits';
import type { ToRelay } from '../../../src/shared/protocol';
import { delayChat, dropHello, mockUser } from './fixtures';

const file = (rules: unknown[], head: Record<string, unknown> = {}) => JSON.stringify({ format: RULES_FORMAT, version: 1, rules, ...head });

afterEach(() => {
  messageRules.value = [];
  rulesStatus.value = '';
});

describe('the rules file', () => {
  it('round-trips the list with switches and ids', () => {
    const text = rulesToFile([dropHello, delayChat, mockUser]);
    expect(JSON.parse(text)).toMatchObject({ format: 'socketscope-message-rules', version: 1 });
    expect(parseRulesFile(text)).toEqual({ ok: true, rules: [dropHello, delayChat, mockUser] });
  });

  it('takes a hand-written rule without id or switch as on', () => {
    const parsed = parseRulesFile(file([{ url: '', dir: 'both', match: { m: 'any' }, action: { a: 'latency', ms: 200 } }]));
    expect(parsed).toEqual({
      ok: true,
      rules: [{ on: true, url: '', dir: 'both', match: { m: 'any' }, action: { a: 'latency', ms: 200 } }],
    });
  });

  it('refuses what is not a rules file, naming why', () => {
    expect(parseRulesFile('{"format":')).toEqual({ ok: false, error: 'Not a rules file: it is not JSON.' });
    expect(parseRulesFile('{"format":"socketscope-log"}')).toEqual({
      ok: false,
      error: `Not a rules file: "format" must be "${RULES_FORMAT}".`,
    });
    expect(parseRulesFile(file([], { version: 2 }))).toMatchObject({
      ok: false,
      error: expect.stringContaining('version 2 is not supported'),
    });
  });

  it('refuses hostile content whole: unknown kinds, oversized fields, too many rules, rules that fail validation', () => {
    const bad = (rule: unknown) => parseRulesFile(file([dropHello, rule]));
    expect(bad({ ...dropHello, action: { a: 'exec', code: 'alert(1)' } })).toMatchObject({
      ok: false,
      error: expect.stringContaining('rules[1].action'),
    });
    expect(bad({ ...dropHello, match: { m: 'contains', text: 'x'.repeat(LIMITS.ruleText + 1) } })).toMatchObject({ ok: false });
    expect(bad({ ...dropHello, match: { m: 'regex', pattern: '(a+)+$' } })).toEqual({
      ok: false,
      error: 'Rule 2: Match pattern: Refused: a repeated group contains a repetition (nested quantifiers can take exponential time).',
    });
    expect(bad({ ...dropHello, action: { a: 'delay', ms: LIMITS.ruleDelayMax + 1 } })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Rule 2: Delay \(ms\)/),
    });
    const many = Array.from({ length: LIMITS.messageRules + 1 }, () => dropHello);
    expect(parseRulesFile(file(many))).toEqual({
      ok: false,
      error: `The file holds ${many.length} rules: at most ${LIMITS.messageRules} can be imported.`,
    });
  });
});

describe('importing into the list', () => {
  it('adds the rules after the existing ones with new ids, keeping their switches', () => {
    messageRules.value = [dropHello];
    importRulesText(rulesToFile([delayChat, mockUser]));
    const list = messageRules.value;
    expect(list.map((r) => [r.match.m, r.on])).toEqual([
      ['contains', true],
      ['json-equals', true],
      ['event', false],
    ]);
    expect(new Set(list.map((r) => r.id)).size).toBe(3);
    expect(list[1].id).not.toBe(delayChat.id);
    expect(rulesStatus.value).toBe('Imported 2 rules.');
  });

  it('changes nothing when the file is faulty, and says so', () => {
    const before = [dropHello];
    messageRules.value = before;
    importRulesText('not json');
    expect(messageRules.value).toBe(before);
    expect(rulesStatus.value).toBe('Import failed: Not a rules file: it is not JSON. Nothing was changed.');
  });
});

describe('storage', () => {
  it('keeps each origin its own list under msg-rules:<origin>', async () => {
    const storage = createMemoryStorage();
    await saveMessageRules(storage, 'https://a.test', [dropHello, delayChat]);
    expect([...storage.data.keys()]).toEqual(['msg-rules:https://a.test']);
    expect(await loadMessageRules(storage, 'https://a.test')).toEqual([dropHello, delayChat]);
    expect(await loadMessageRules(storage, 'https://b.test')).toEqual([]);
  });

  it('reads a damaged entry as no rules', async () => {
    const storage = createMemoryStorage();
    await storage.set('msg-rules:https://a.test', { rules: 'nope' });
    expect(await loadMessageRules(storage, 'https://a.test')).toEqual([]);
    await storage.set('msg-rules:https://a.test', '{"format":"socketscope-message-rules","version":1,"rules":[{"url":1}]}');
    expect(await loadMessageRules(storage, 'https://a.test')).toEqual([]);
  });
});

describe('sending rules to the pages', () => {
  it('sends the rules switched on at start, on each change, and to new documents or a new link', () => {
    const sent: ToRelay[] = [];
    const documents = signal('doc1');
    const links = signal(0);
    const stop = syncMessageRules(
      (m) => sent.push(m),
      () => documents.value,
      () => links.value,
    );
    expect(sent).toEqual([{ type: 'msg-rules', rules: [] }]);
    documents.value = 'doc1 doc2'; // nothing to send while there are no rules
    expect(sent).toHaveLength(1);
    messageRules.value = [dropHello, mockUser];
    expect(sent[1]).toEqual({
      type: 'msg-rules',
      rules: [{ id: 1, url: '', dir: 'send', match: dropHello.match, action: dropHello.action }],
    });
    documents.value = 'doc3';
    links.value = 1;
    expect(sent).toHaveLength(4);
    stop();
    messageRules.value = [];
    expect(sent).toHaveLength(4);
  });
});
