import { describe, expect, it } from 'vitest';
import {
  activeRules,
  addRule,
  MAX_MESSAGE_RULES,
  moveRule,
  removeRule,
  replaceRule,
  setRuleOn,
} from '../../../src/panel/message-rules/list';
import { delayChat, dropHello, mockUser } from './fixtures';

const list = [dropHello, delayChat, mockUser];

describe('the rule list', () => {
  it('adds a new rule at the end, switched on, with a fresh id', () => {
    const next = addRule([dropHello], { url: '', dir: 'both', match: { m: 'any' }, action: { a: 'hold' } }, 99);
    expect(next).toEqual([dropHello, { id: 99, on: true, url: '', dir: 'both', match: { m: 'any' }, action: { a: 'hold' } }]);
  });

  it('refuses a rule past the cap', () => {
    const full = Array.from({ length: MAX_MESSAGE_RULES }, (_, i) => ({ ...dropHello, id: i + 1 }));
    expect(() => addRule(full, dropHello)).toThrow(`At most ${MAX_MESSAGE_RULES} rules`);
  });

  it('edits a rule in place, keeping its id and switch', () => {
    const next = replaceRule(list, 3, { url: 'x', dir: 'send', match: { m: 'any' }, action: { a: 'drop' } });
    expect(next[2]).toEqual({ id: 3, on: false, url: 'x', dir: 'send', match: { m: 'any' }, action: { a: 'drop' } });
    expect(next.slice(0, 2)).toEqual([dropHello, delayChat]);
  });

  it('moves a rule up and down, and leaves the list alone at its ends', () => {
    expect(moveRule(list, 2, -1).map((r) => r.id)).toEqual([2, 1, 3]);
    expect(moveRule(list, 2, 1).map((r) => r.id)).toEqual([1, 3, 2]);
    expect(moveRule(list, 1, -1)).toBe(list);
    expect(moveRule(list, 3, 1)).toBe(list);
  });

  it('switches and deletes by id', () => {
    expect(setRuleOn(list, 1, false)[0].on).toBe(false);
    expect(removeRule(list, 2).map((r) => r.id)).toEqual([1, 3]);
  });

  it('sends only the rules switched on, in order, without the panel-only switch', () => {
    expect(activeRules(list)).toEqual([
      { id: 1, url: '', dir: 'send', match: { m: 'contains', text: 'hello' }, action: { a: 'drop' } },
      {
        id: 2,
        url: 'example.test/chat',
        dir: 'recv',
        match: { m: 'json-equals', path: 'type', value: '"chat"' },
        action: { a: 'delay', ms: 500 },
      },
    ]);
  });
});
