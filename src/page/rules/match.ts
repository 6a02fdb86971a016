/**
 * Which rules act on a frame. The first matching rule acts; a connection-wide rule (latency, throttle)
 * may act along with it: the first matching wide rule and the first matching other rule both apply,
 * whatever their order in the list. Text conditions never match binary frames; a regular expression
 * looks at the frame's first LIMITS.ruleRegexInput characters only (docs/SECURITY.md).
 */
import type { JsonOps } from '../../shared/json-ops';
import { getJsonPath, jsonEquals } from '../../shared/json-path';
import { LIMITS } from '../../shared/limits';
import type { Direction } from '../../shared/page-link';
import type { Natives } from '../natives';
import type { CompiledRule } from './compile';
import { eventNameOf } from './event-name';

/** A frame as the conditions see it: its text (null: binary), parsed as JSON at most once. */
export interface FrameView {
  text: string | null;
  /** undefined: not parsed yet; null: not JSON. */
  parsed: { value: unknown } | null | undefined;
}

export const frameView = (text: string | null): FrameView => ({ text, parsed: undefined });

export function parsedFrame(ops: JsonOps, frame: FrameView): { value: unknown } | null {
  if (frame.parsed === undefined) {
    frame.parsed = null;
    if (frame.text !== null) {
      try {
        frame.parsed = { value: ops.parse(frame.text) };
      } catch {
        // not JSON: JSON conditions do not match
      }
    }
  }
  return frame.parsed;
}

export function capped(n: Natives, text: string): string {
  return text.length > LIMITS.ruleRegexInput ? (n.apply(n.stringSlice, text, [0, LIMITS.ruleRegexInput]) as string) : text;
}

export function urlMatches(n: Natives, rule: CompiledRule, url: string): boolean {
  if (rule.urlRe) return n.apply(n.regExpExec, rule.urlRe, [capped(n, url)]) !== null;
  return rule.url === '' || n.apply(n.stringIndexOf, url, [rule.url]) !== -1;
}

export function conditionHolds(n: Natives, ops: JsonOps, rule: CompiledRule, frame: FrameView): boolean {
  const { match } = rule;
  if (match.m === 'any') return true;
  const text = frame.text;
  if (text === null) return false;
  switch (match.m) {
    case 'contains':
      return n.apply(n.stringIndexOf, text, [match.text]) !== -1;
    case 'regex':
      return n.apply(n.regExpExec, rule.matchRe as RegExp, [capped(n, text)]) !== null;
    case 'json-exists':
    case 'json-equals': {
      const parsed = parsedFrame(ops, frame);
      if (!parsed) return false;
      const at = getJsonPath(ops, parsed.value, rule.matchPath ?? []);
      if (!at.found) return false;
      return match.m === 'json-exists' || jsonEquals(ops, at.value, rule.matchValue?.value);
    }
    case 'event':
      return eventNameOf(ops, text, () => parsedFrame(ops, frame)) === match.name;
  }
}

export interface Decision {
  /** The first matching rule that is not connection-wide. */
  rule: CompiledRule | null;
  /** The first matching latency or throttle rule. */
  wide: CompiledRule | null;
}

/** The rules that act on `frame` of a socket at `url` going `dir`, or null when none does. */
export function decide(
  n: Natives,
  ops: JsonOps,
  rules: readonly CompiledRule[],
  url: string,
  dir: Direction,
  frame: FrameView,
): Decision | null {
  let rule: CompiledRule | null = null;
  let wide: CompiledRule | null = null;
  for (let i = 0; i < rules.length && (rule === null || wide === null); i++) {
    const candidate = rules[i];
    if (candidate.wide ? wide !== null : rule !== null) continue;
    if (candidate.dir !== 'both' && candidate.dir !== dir) continue;
    if (!urlMatches(n, candidate, url) || !conditionHolds(n, ops, candidate, frame)) continue;
    if (candidate.wide) wide = candidate;
    else rule = candidate;
  }
  return rule === null && wide === null ? null : { rule, wide };
}
