/**
 * Why a message rule cannot be used, field by field, in words a user can act on. The same checks run on
 * the editor's Save and on every rule of an imported file, so that the page never receives a rule it
 * would have to refuse. Pure.
 */
import { LIMITS } from '../../shared/limits';
import type { MessageRule, RuleAction, RuleMatch } from '../../shared/message-rules';
import { riskyPattern } from '../search/risky-pattern';
import { jsonPathError, parseTemplate } from './json-path';

/** The editor's fields, by the name each error is shown under. */
export const FIELD_LABELS = {
  url: 'Socket URL contains',
  matchText: 'Match text',
  matchPattern: 'Match pattern',
  jsonPath: 'JSON path',
  jsonValue: 'JSON value',
  eventName: 'Event name',
  delayMs: 'Delay (ms)',
  find: 'Find',
  replaceWith: 'Replace with',
  setPath: 'Path to set',
  setValue: 'Value to set (JSON)',
  deletePath: 'Path to delete',
  template: 'Response template',
  responseDelayMs: 'Response delay (ms)',
  latencyMs: 'Latency (ms)',
  perSecond: 'Messages per second',
} as const;
export type RuleField = keyof typeof FIELD_LABELS;

export interface RuleProblem {
  field: RuleField;
  message: string;
}

export type RuleContent = Omit<MessageRule, 'id'>;

const isUrlRegex = (url: string) => url.length > 2 && url.startsWith('/') && url.endsWith('/');

/** Why a regular expression cannot be used in a rule: it must compile, stay short and not be risky. */
export function regexError(source: string): string | null {
  if (source === '') return 'Enter a regular expression.';
  if (source.length > LIMITS.ruleRegex) return `The expression is too long (at most ${LIMITS.ruleRegex} characters).`;
  try {
    new RegExp(source);
  } catch (error) {
    return `Not a valid regular expression: ${(error as Error).message}`;
  }
  const risky = riskyPattern(source);
  return risky ? `Refused: ${risky}.` : null;
}

export function urlPatternError(url: string): string | null {
  if (url.length > LIMITS.rulePattern) return `The URL pattern is too long (at most ${LIMITS.rulePattern} characters).`;
  if (!isUrlRegex(url)) return null;
  try {
    new RegExp(url.slice(1, -1));
    return null;
  } catch (error) {
    return `Not a valid regular expression: ${(error as Error).message}`;
  }
}

export function jsonTextError(text: string): string | null {
  if (text.trim() === '') return 'Enter a JSON value, such as "chat", 42, true or {"a":1}.';
  if (text.length > LIMITS.ruleText) return `The value is too long (at most ${LIMITS.ruleText} characters).`;
  try {
    JSON.parse(text);
    return null;
  } catch {
    return 'Not valid JSON (a string needs double quotes: "chat").';
  }
}

const textError = (text: string, what: string): string | null =>
  text === '' ? `Enter the ${what}.` : text.length > LIMITS.ruleText ? `Too long (at most ${LIMITS.ruleText} characters).` : null;

const pathError = (path: string): string | null =>
  path.length > LIMITS.ruleJsonPath ? `The path is too long (at most ${LIMITS.ruleJsonPath} characters).` : jsonPathError(path);

export function delayError(ms: number | undefined): string | null {
  if (ms === undefined || !Number.isInteger(ms) || ms < 0 || ms > LIMITS.ruleDelayMax)
    return `Enter a whole number of milliseconds from 0 to ${LIMITS.ruleDelayMax}.`;
  return null;
}

function matchProblems(match: RuleMatch): RuleProblem[] {
  const problem = (field: RuleField, message: string | null): RuleProblem[] => (message ? [{ field, message }] : []);
  switch (match.m) {
    case 'any':
      return [];
    case 'contains':
      return problem('matchText', textError(match.text, 'text to look for'));
    case 'regex':
      return problem('matchPattern', regexError(match.pattern));
    case 'json-equals':
      return [...problem('jsonPath', pathError(match.path)), ...problem('jsonValue', jsonTextError(match.value))];
    case 'json-exists':
      return problem('jsonPath', pathError(match.path));
    case 'event':
      return problem('eventName', textError(match.name, 'event name'));
  }
}

function templateError(template: string): string | null {
  if (template === '') return 'Enter the response to answer with.';
  if (template.length > LIMITS.ruleTemplate) return `The template is too long (at most ${LIMITS.ruleTemplate} characters).`;
  const parsed = parseTemplate(template);
  return parsed.ok ? null : parsed.error;
}

function actionProblems(action: RuleAction, dir: MessageRule['dir']): RuleProblem[] {
  const problem = (field: RuleField, message: string | null): RuleProblem[] => (message ? [{ field, message }] : []);
  switch (action.a) {
    case 'delay':
      return problem('delayMs', delayError(action.ms));
    case 'latency':
      return problem('latencyMs', delayError(action.ms));
    case 'drop':
    case 'hold':
      return [];
    case 'replace': {
      const find = action.regex ? regexError(action.find) : textError(action.find, 'text to find');
      const by = action.by.length > LIMITS.ruleText ? `Too long (at most ${LIMITS.ruleText} characters).` : null;
      return [...problem('find', find), ...problem('replaceWith', by)];
    }
    case 'json-set':
      return [...problem('setPath', pathError(action.path)), ...problem('setValue', jsonTextError(action.value))];
    case 'json-delete':
      return problem('deletePath', pathError(action.path));
    case 'mock':
      return [
        ...problem('template', templateError(action.template)),
        ...problem('responseDelayMs', action.ms === undefined ? null : delayError(action.ms)),
        ...problem('template', dir === 'send' ? null : 'A mock answers a sent message: set Direction to "sent".'),
      ];
    case 'throttle': {
      const ok = Number.isFinite(action.perSecond) && action.perSecond > 0 && action.perSecond <= 1_000_000;
      return problem('perSecond', ok ? null : 'Enter a number of messages per second greater than 0.');
    }
  }
}

/** Every problem of a rule, in the editor's order; empty when it can be used. */
export function ruleProblems(rule: RuleContent): RuleProblem[] {
  const url = urlPatternError(rule.url);
  return [
    ...(url ? [{ field: 'url' as const, message: url }] : []),
    ...matchProblems(rule.match),
    ...actionProblems(rule.action, rule.dir),
  ];
}
