import { signal } from '@preact/signals';
import { afterEach, describe, expect, it } from 'vitest';
import { refuseRules } from '../../../src/panel/actions/action-state';
import { syncRules } from '../../../src/panel/actions/rule-sync';
import {
  buildRefuseRule,
  describeRule,
  liveRules,
  patternError,
  urlMatches,
  withOffline,
  withTestRule,
} from '../../../src/panel/actions/rules';
import type { ToRelay } from '../../../src/shared/protocol';

const NOW = 1_700_000_000_000;

describe('buildRefuseRule', () => {
  it('refuses for N seconds from now', () => {
    expect(buildRefuseRule('wss://api.example/ws', 'seconds', '10', NOW)).toEqual({
      ok: true,
      rule: { id: expect.any(Number), pattern: 'wss://api.example/ws', until: NOW + 10_000 },
    });
  });

  it('refuses N attempts', () => {
    expect(buildRefuseRule('/chat$/', 'attempts', '3', NOW)).toEqual({
      ok: true,
      rule: { id: expect.any(Number), pattern: '/chat$/', attempts: 3 },
    });
  });

  it('gives every rule a new id, beyond any an earlier panel session gave', () => {
    const first = buildRefuseRule('x', 'attempts', '1', NOW);
    const second = buildRefuseRule('x', 'attempts', '1', NOW);
    if (!first.ok || !second.ok) throw new Error('rules expected');
    expect(second.rule.id).toBeGreaterThan(first.rule.id);
    expect(first.rule.id).toBeGreaterThanOrEqual(NOW * 1000);
  });

  it('refuses bad counts and patterns with a message', () => {
    expect(buildRefuseRule('x', 'seconds', '0', NOW).ok).toBe(false);
    expect(buildRefuseRule('x', 'seconds', '', NOW).ok).toBe(false);
    expect(buildRefuseRule('x', 'attempts', '1.5', NOW).ok).toBe(false);
    expect(buildRefuseRule('', 'attempts', '1', NOW)).toMatchObject({ ok: false, error: expect.stringMatching(/pattern/) });
    expect(buildRefuseRule('/(/', 'attempts', '1', NOW)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Invalid regular expression/),
    });
  });
});

describe('patterns', () => {
  it('match a substring, or a /regex/ as the page hook does', () => {
    expect(urlMatches('api.example', 'wss://api.example/ws')).toBe(true);
    expect(urlMatches('API.example', 'wss://api.example/ws')).toBe(false);
    expect(urlMatches('/\\/ws$/', 'wss://api.example/ws')).toBe(true);
    expect(urlMatches('/\\/ws$/', 'wss://api.example/ws2')).toBe(false);
    expect(urlMatches('//', 'wss://a//b')).toBe(true); // too short to be a regex: a substring
  });

  it('accept only valid regular expressions', () => {
    expect(patternError('/[a-z]+/')).toBeNull();
    expect(patternError('/[/')).toMatch(/Invalid regular expression/);
  });
});

describe('rule lists', () => {
  const test1 = { id: 1, pattern: 'a', until: NOW + 1000 };
  const offline = (pattern: string) => ({ id: expect.any(Number), pattern });

  it('offline mode adds and removes one endless rule, keeping test rules', () => {
    const on = withOffline([test1], 'wss://');
    expect(on).toEqual([test1, offline('wss://')]);
    expect(withOffline(withOffline(on, 'other'), null)).toEqual([test1]);
  });

  it('a new test rule replaces the previous test rule, not offline mode', () => {
    expect(withTestRule([{ id: 2, pattern: 'off' }, test1], { id: 3, pattern: 'b', attempts: 2 })).toEqual([
      { id: 2, pattern: 'off' },
      { id: 3, pattern: 'b', attempts: 2 },
    ]);
  });

  it('lapsed time rules are pruned; a list with none lapsed comes back as it was', () => {
    const rules = [test1, { id: 2, pattern: 'x' }];
    expect(liveRules(rules, NOW + 1000)).toEqual([{ id: 2, pattern: 'x' }]);
    expect(liveRules(rules, NOW + 999)).toBe(rules);
  });
});

describe('describeRule', () => {
  const timed = { id: 1, pattern: 'a', until: NOW + 5000 };

  it('counts a time rule down by the second, then says it expired', () => {
    expect(describeRule(timed, NOW)).toBe('Refuse a for 5 s more');
    expect(describeRule(timed, NOW + 4001)).toBe('Refuse a for 1 s more');
    expect(describeRule(timed, NOW + 5000)).toBe('Refuse a: expired');
  });

  it('shows the attempts the pages have left', () => {
    expect(describeRule({ id: 2, pattern: 'b', attempts: 3 }, NOW)).toBe('Refuse b: 3 attempts left');
    expect(describeRule({ id: 2, pattern: 'b', attempts: 1 }, NOW)).toBe('Refuse b: 1 attempt left');
    expect(describeRule({ id: 2, pattern: 'b', attempts: 0 }, NOW)).toBe('Refuse b: used up');
  });

  it('describes offline mode', () => {
    expect(describeRule({ id: 3, pattern: 'x' }, NOW)).toBe('Offline: refuse x');
  });
});

describe('syncRules', () => {
  let stop: (() => void) | undefined;
  afterEach(() => {
    stop?.();
    refuseRules.value = [];
  });

  it('sends on start, on every change, and again for new documents while rules hold', () => {
    const docs = signal('doc1');
    const sent: ToRelay[] = [];
    stop = syncRules(
      (m) => sent.push(m),
      () => docs.value,
    );
    expect(sent).toEqual([{ type: 'rules', rules: [] }]);

    docs.value = 'doc1 doc2'; // no rules: a new document has nothing to learn
    expect(sent).toHaveLength(1);

    refuseRules.value = [{ id: 1, pattern: 'x' }];
    expect(sent.at(-1)).toEqual({ type: 'rules', rules: [{ id: 1, pattern: 'x' }] });

    docs.value = 'doc3'; // a reload: same count of documents, a new key
    expect(sent).toHaveLength(3);
    expect(sent.at(-1)).toEqual({ type: 'rules', rules: [{ id: 1, pattern: 'x' }] });

    refuseRules.value = [];
    expect(sent.at(-1)).toEqual({ type: 'rules', rules: [] });
  });

  it('sends the rules again when the link to the background is made again (what was in flight is lost)', () => {
    const links = signal(0);
    const sent: ToRelay[] = [];
    stop = syncRules(
      (m) => sent.push(m),
      () => 'doc1',
      () => links.value,
    );
    links.value = 1; // no rules: nothing to repeat
    expect(sent).toHaveLength(1);
    refuseRules.value = [{ id: 1, pattern: 'x', attempts: 3 }];
    links.value = 2;
    expect(sent).toHaveLength(3);
    expect(sent.at(-1)).toEqual({ type: 'rules', rules: [{ id: 1, pattern: 'x', attempts: 3 }] });
  });
});
