/**
 * The rule editor's content: every field as the user typed it, so that switching the match or action kind
 * and back keeps what was entered. Turned into a rule (numbers parsed, then validate.ts) only on Save. Pure.
 */
import type { RuleAction, RuleDirection, RuleMatch } from '../../shared/message-rules';
import type { ActionKind, MatchKind, StoredRule } from './model';
import { type RuleContent, type RuleProblem, ruleProblems } from './validate';

export interface RuleDraft {
  /** The rule being edited, or null for a new one. */
  id: number | null;
  url: string;
  dir: RuleDirection;
  match: MatchKind;
  matchText: string;
  matchPattern: string;
  jsonPath: string;
  jsonValue: string;
  eventName: string;
  action: ActionKind;
  delayMs: string;
  find: string;
  replaceWith: string;
  findRegex: boolean;
  setPath: string;
  setValue: string;
  deletePath: string;
  template: string;
  responseDelayMs: string;
  latencyMs: string;
  perSecond: string;
}

export const emptyDraft = (): RuleDraft => ({
  id: null,
  url: '',
  dir: 'both',
  match: 'contains',
  matchText: '',
  matchPattern: '',
  jsonPath: '',
  jsonValue: '',
  eventName: '',
  action: 'delay',
  delayMs: '1000',
  find: '',
  replaceWith: '',
  findRegex: false,
  setPath: '',
  setValue: '',
  deletePath: '',
  template: '',
  responseDelayMs: '',
  latencyMs: '500',
  perSecond: '1',
});

/** The editor opened on an existing rule. */
export function draftOf(rule: StoredRule): RuleDraft {
  const draft: RuleDraft = { ...emptyDraft(), id: rule.id, url: rule.url, dir: rule.dir, match: rule.match.m, action: rule.action.a };
  const m = rule.match;
  if (m.m === 'contains') draft.matchText = m.text;
  if (m.m === 'regex') draft.matchPattern = m.pattern;
  if (m.m === 'json-equals') Object.assign(draft, { jsonPath: m.path, jsonValue: m.value });
  if (m.m === 'json-exists') draft.jsonPath = m.path;
  if (m.m === 'event') draft.eventName = m.name;
  const a = rule.action;
  if (a.a === 'delay') draft.delayMs = String(a.ms);
  if (a.a === 'latency') draft.latencyMs = String(a.ms);
  if (a.a === 'replace') Object.assign(draft, { find: a.find, replaceWith: a.by, findRegex: a.regex === true });
  if (a.a === 'json-set') Object.assign(draft, { setPath: a.path, setValue: a.value });
  if (a.a === 'json-delete') draft.deletePath = a.path;
  if (a.a === 'mock') Object.assign(draft, { template: a.template, responseDelayMs: a.ms === undefined ? '' : String(a.ms) });
  if (a.a === 'throttle') draft.perSecond = String(a.perSecond);
  return draft;
}

function matchOf(d: RuleDraft): RuleMatch {
  switch (d.match) {
    case 'any':
      return { m: 'any' };
    case 'contains':
      return { m: 'contains', text: d.matchText };
    case 'regex':
      return { m: 'regex', pattern: d.matchPattern };
    case 'json-equals':
      return { m: 'json-equals', path: d.jsonPath.trim(), value: d.jsonValue.trim() };
    case 'json-exists':
      return { m: 'json-exists', path: d.jsonPath.trim() };
    case 'event':
      return { m: 'event', name: d.eventName };
  }
}

/** A typed number; NaN when it is not one (validation then names the field). */
const numberOf = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

function actionOf(d: RuleDraft): RuleAction {
  switch (d.action) {
    case 'delay':
      return { a: 'delay', ms: numberOf(d.delayMs) };
    case 'drop':
      return { a: 'drop' };
    case 'replace':
      return d.findRegex
        ? { a: 'replace', find: d.find, by: d.replaceWith, regex: true }
        : { a: 'replace', find: d.find, by: d.replaceWith };
    case 'json-set':
      return { a: 'json-set', path: d.setPath.trim(), value: d.setValue.trim() };
    case 'json-delete':
      return { a: 'json-delete', path: d.deletePath.trim() };
    case 'mock':
      return d.responseDelayMs.trim() === ''
        ? { a: 'mock', template: d.template }
        : { a: 'mock', template: d.template, ms: numberOf(d.responseDelayMs) };
    case 'hold':
      return { a: 'hold' };
    case 'latency':
      return { a: 'latency', ms: numberOf(d.latencyMs) };
    case 'throttle':
      return { a: 'throttle', perSecond: numberOf(d.perSecond) };
  }
}

/** The rule the draft describes, or every reason it cannot be saved. */
export function ruleFromDraft(d: RuleDraft): { ok: true; rule: RuleContent } | { ok: false; problems: RuleProblem[] } {
  const rule: RuleContent = { url: d.url.trim(), dir: d.dir, match: matchOf(d), action: actionOf(d) };
  const problems = ruleProblems(rule);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rule };
}
