/**
 * The operations on the ordered rule list. Pure: each returns a new list (the old one when nothing
 * changed), so that the sync sends only real changes. Order matters: the page applies rules in it.
 */
import { LIMITS } from '../../shared/limits';
import type { MessageRule } from '../../shared/message-rules';
import type { StoredRule } from './model';
import type { RuleContent } from './validate';

export const MAX_MESSAGE_RULES = LIMITS.messageRules;

let lastId = 0;

/** A new rule identity: increasing, and unlike any id an earlier panel session gave (hits are counted by id). */
export function newMessageRuleId(now = Date.now()): number {
  lastId = Math.max(lastId + 1, now * 1000);
  return lastId;
}

/** A new rule is added at the end, switched on. */
export function addRule(rules: readonly StoredRule[], content: RuleContent, id = newMessageRuleId()): StoredRule[] {
  if (rules.length >= MAX_MESSAGE_RULES) throw new Error(`At most ${MAX_MESSAGE_RULES} rules: delete one first.`);
  return [...rules, { id, on: true, ...content }];
}

/** An edited rule keeps its place, id (and so its hits) and switch. */
export function replaceRule(rules: readonly StoredRule[], id: number, content: RuleContent): StoredRule[] {
  return rules.map((r) => (r.id === id ? { id, on: r.on, ...content } : r));
}

export function removeRule(rules: readonly StoredRule[], id: number): StoredRule[] {
  return rules.filter((r) => r.id !== id);
}

export function setRuleOn(rules: readonly StoredRule[], id: number, on: boolean): StoredRule[] {
  return rules.map((r) => (r.id === id && r.on !== on ? { ...r, on } : r));
}

/** Moves a rule one place up (-1) or down (+1); the list itself when it cannot move. */
export function moveRule(rules: StoredRule[], id: number, by: -1 | 1): StoredRule[] {
  const from = rules.findIndex((r) => r.id === id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= rules.length) return rules;
  const next = [...rules];
  [next[from], next[to]] = [next[to], next[from]];
  return next;
}

/** What the page receives: the rules switched on, in order, without the panel's own fields. */
export function activeRules(rules: readonly StoredRule[]): MessageRule[] {
  return rules.filter((r) => r.on).map(({ id, url, dir, match, action }) => ({ id, url, dir, match, action }));
}
