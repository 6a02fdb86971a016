/**
 * Refusal rules as the panel edits them: building and validating a rule, and the list operations
 * behind the reconnection test and offline mode. Pure; the list itself lives in action-state.ts.
 */
import { LIMITS } from '../../shared/limits';
import type { RefuseRule } from '../../shared/protocol';

export type RefuseBy = 'seconds' | 'attempts';

/** The protocol accepts at most this many rules and this pattern length. */
const MAX_RULES = LIMITS.rules;
const MAX_PATTERN = LIMITS.rulePattern;

const isRegexPattern = (pattern: string) => pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/');

/** Why a pattern cannot be used, or null. A /…/ pattern must be a valid regular expression. */
export function patternError(pattern: string): string | null {
  if (pattern === '') return 'Enter a URL pattern: part of the URL, or a regular expression written as /…/.';
  if (pattern.length > MAX_PATTERN) return `The pattern is too long (at most ${MAX_PATTERN} characters).`;
  if (isRegexPattern(pattern)) {
    try {
      new RegExp(pattern.slice(1, -1));
    } catch (error) {
      return `Invalid regular expression: ${(error as Error).message}`;
    }
  }
  return null;
}

/** The page hook's matching, mirrored: a substring of the URL, or /regex/ (no flags). */
export function urlMatches(pattern: string, url: string): boolean {
  if (!isRegexPattern(pattern)) return url.includes(pattern);
  try {
    return new RegExp(pattern.slice(1, -1)).test(url);
  } catch {
    return false;
  }
}

let lastRuleId = 0;

/** A new rule identity: increasing, and unlike any id an earlier panel session gave. */
export function newRuleId(now = Date.now()): number {
  lastRuleId = Math.max(lastRuleId + 1, now * 1000);
  return lastRuleId;
}

export type BuiltRule = { ok: true; rule: RefuseRule } | { ok: false; error: string };

/** A reconnection-test rule: refuse for `count` seconds from `now`, or for `count` attempts. */
export function buildRefuseRule(pattern: string, by: RefuseBy, countInput: string, now: number): BuiltRule {
  const error = patternError(pattern);
  if (error) return { ok: false, error };
  const count = Number(countInput);
  if (by === 'seconds') {
    if (countInput.trim() === '' || !Number.isFinite(count) || count <= 0 || count > 86_400) {
      return { ok: false, error: 'Refuse count: enter a number of seconds between 0 and 86400.' };
    }
    return { ok: true, rule: { id: newRuleId(now), pattern, until: Math.round(now + count * 1000) } };
  }
  if (countInput.trim() === '' || !Number.isInteger(count) || count < 1 || count > 1_000_000) {
    return { ok: false, error: 'Refuse count: enter a whole number of attempts, at least 1.' };
  }
  return { ok: true, rule: { id: newRuleId(now), pattern, attempts: count } };
}

/** Offline mode's rule has no end: it holds until removed. */
export const isOfflineRule = (rule: RefuseRule) => rule.until === undefined && rule.attempts === undefined;

/** Sets offline mode to `pattern`, or turns it off with null. Test rules are kept. */
export function withOffline(rules: readonly RefuseRule[], pattern: string | null): RefuseRule[] {
  const kept = rules.filter((r) => !isOfflineRule(r));
  return pattern === null ? kept : [...kept, { id: newRuleId(), pattern }].slice(-MAX_RULES);
}

/** Adds a reconnection-test rule in place of earlier test rules (one test runs at a time). */
export function withTestRule(rules: readonly RefuseRule[], rule: RefuseRule): RefuseRule[] {
  return [...rules.filter(isOfflineRule), rule].slice(-MAX_RULES);
}

/** Drops rules whose time has passed, so the list shows what still holds; `rules` itself when none has. */
export function liveRules(rules: RefuseRule[], now: number): RefuseRule[] {
  const live = rules.filter((r) => r.until === undefined || r.until > now);
  return live.length === rules.length ? rules : live;
}

/** What a rule does now: the seconds or attempts it has left, or "expired" in the moment before it leaves the list. */
export function describeRule(rule: RefuseRule, now: number): string {
  if (rule.until !== undefined) {
    const left = Math.ceil((rule.until - now) / 1000);
    return left > 0 ? `Refuse ${rule.pattern} for ${left} s more` : `Refuse ${rule.pattern}: expired`;
  }
  if (rule.attempts !== undefined) {
    if (rule.attempts <= 0) return `Refuse ${rule.pattern}: used up`;
    return `Refuse ${rule.pattern}: ${rule.attempts} ${rule.attempts === 1 ? 'attempt' : 'attempts'} left`;
  }
  return `Offline: refuse ${rule.pattern}`;
}
