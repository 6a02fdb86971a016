/**
 * Message rules as the hook holds them: each rule's regular expressions, JSON paths, JSON values and
 * template parsed once, when the list arrives. A rule whose parts do not compile is reported (rule-error
 * without a socket) and left out, so it never acts: no frame is touched by half a rule.
 */
import type { JsonOps } from '../../shared/json-ops';
import { type PathStep, parseJsonPath } from '../../shared/json-path';
import { LIMITS } from '../../shared/limits';
import type { MessageRule, RuleAction, RuleMatch } from '../../shared/message-rules';
import { parseTemplate, type TemplatePart } from '../../shared/rule-template';
import type { Natives } from '../natives';

export interface CompiledRule {
  id: number;
  dir: MessageRule['dir'];
  /** The URL substring, or null when `urlRe` is set. */
  url: string | null;
  urlRe: RegExp | null;
  match: RuleMatch;
  /** regex match: the expression; replace with regex: the global one. */
  matchRe: RegExp | null;
  matchPath: PathStep[] | null;
  /** json-equals: the parsed value to compare with. */
  matchValue: { value: unknown } | null;
  action: RuleAction;
  replaceRe: RegExp | null;
  actionPath: PathStep[] | null;
  /** json-set: the parsed value to put. */
  actionValue: { value: unknown } | null;
  template: TemplatePart[] | null;
  /** latency and throttle: connection-wide, they may combine with one other rule (see decide()). */
  wide: boolean;
}

const ALLOWED_FLAGS = 'imsu';

function regex(n: Natives, pattern: string, flags: string, extra: string): RegExp {
  for (let i = 0; i < flags.length; i++) {
    let allowed = false;
    for (let j = 0; j < ALLOWED_FLAGS.length; j++) if (flags[i] === ALLOWED_FLAGS[j]) allowed = true;
    if (!allowed) throw new n.Error(`flag "${flags[i]}" is not allowed (only ${ALLOWED_FLAGS})`);
  }
  if (pattern.length > LIMITS.ruleRegex) throw new n.Error(`the pattern is longer than ${LIMITS.ruleRegex} characters`);
  return new n.RegExp(pattern, flags + extra);
}

function path(text: string): PathStep[] {
  const steps = parseJsonPath(text);
  if (typeof steps === 'string') throw steps;
  return steps;
}

function value(ops: JsonOps, text: string): { value: unknown } {
  try {
    return { value: ops.parse(text) };
  } catch {
    throw `the value ${text} is not JSON (write text as "text")`;
  }
}

function describe(n: Natives, error: unknown): string {
  if (typeof error === 'string') return error;
  try {
    return n.String((error as { message?: unknown }).message);
  } catch {
    return 'it does not compile';
  }
}

function compileOne(n: Natives, ops: JsonOps, rule: MessageRule): CompiledRule {
  const { match, action } = rule;
  const urlIsRegex = rule.url.length > 2 && rule.url[0] === '/' && rule.url[rule.url.length - 1] === '/';
  const flags = match.m === 'regex' ? (match.flags ?? '') : '';
  const wide = action.a === 'latency' || action.a === 'throttle';
  if (action.a === 'replace' && action.find === '') throw 'replace: the text to find is empty';
  if (action.a === 'throttle' && !(action.perSecond > 0)) throw 'throttle: messages per second must be more than 0';
  if (action.a === 'mock' && rule.dir !== 'send') throw 'a mock answers outgoing messages: its direction must be send';
  if ((action.a === 'delay' || action.a === 'latency') && !(action.ms >= 0 && action.ms <= LIMITS.ruleDelayMax)) {
    throw `${action.a}: the wait must be between 0 and ${LIMITS.ruleDelayMax} ms`;
  }
  return {
    id: rule.id,
    dir: rule.dir,
    url: urlIsRegex ? null : rule.url,
    urlRe: urlIsRegex ? regex(n, n.apply(n.stringSlice, rule.url, [1, -1]) as string, '', '') : null,
    match,
    matchRe: match.m === 'regex' ? regex(n, match.pattern, flags, '') : null,
    matchPath: match.m === 'json-equals' || match.m === 'json-exists' ? path(match.path) : null,
    matchValue: match.m === 'json-equals' ? value(ops, match.value) : null,
    action,
    replaceRe: action.a === 'replace' && action.regex ? regex(n, action.find, '', 'g') : null,
    actionPath: action.a === 'json-set' || action.a === 'json-delete' ? path(action.path) : null,
    actionValue: action.a === 'json-set' ? value(ops, action.value) : null,
    template: action.a === 'mock' ? template(action.template) : null,
    wide,
  };
}

function template(text: string): TemplatePart[] {
  const parts = parseTemplate(text);
  if (typeof parts === 'string') throw `template: ${parts}`;
  return parts;
}

/** The rules that compile, in order; `refuse` is told about each one that does not, and why. */
export function compileRules(
  n: Natives,
  ops: JsonOps,
  rules: readonly MessageRule[],
  refuse: (rule: number, error: string) => void,
): CompiledRule[] {
  const compiled: CompiledRule[] = [];
  for (let i = 0; i < rules.length; i++) {
    try {
      n.defineProperty(compiled, compiled.length, {
        __proto__: null,
        value: compileOne(n, ops, rules[i]),
        writable: true,
        enumerable: true,
        configurable: true,
      } as PropertyDescriptor);
    } catch (error) {
      refuse(rules[i].id, describe(n, error));
    }
  }
  return compiled;
}
