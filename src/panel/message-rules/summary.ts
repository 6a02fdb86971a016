/** A rule in one line for the list and the details: `sent · contains "hello" → drop`. Pure. */
import type { RuleAction, RuleDirection, RuleMatch } from '../../shared/message-rules';
import type { RuleContent } from './validate';

const DIRECTIONS: Record<RuleDirection, string> = { send: 'sent', recv: 'received', both: 'sent and received' };

/** Long user texts are cut, so that a summary stays one line. */
const quoted = (text: string, max = 40) => `"${text.length > max ? `${text.slice(0, max)}…` : text}"`;
const cut = (text: string, max = 40) => (text.length > max ? `${text.slice(0, max)}…` : text);

export function describeMatch(match: RuleMatch): string {
  switch (match.m) {
    case 'any':
      return 'any message';
    case 'contains':
      return `contains ${quoted(match.text)}`;
    case 'regex':
      return `matches /${cut(match.pattern)}/`;
    case 'json-equals':
      return `${cut(match.path)} = ${cut(match.value)}`;
    case 'json-exists':
      return `has ${cut(match.path)}`;
    case 'event':
      return `event ${quoted(match.name)}`;
  }
}

export function describeAction(action: RuleAction): string {
  switch (action.a) {
    case 'delay':
      return `delay ${action.ms} ms`;
    case 'drop':
      return 'drop';
    case 'replace':
      return `replace ${action.regex ? `/${cut(action.find)}/` : quoted(action.find)} with ${quoted(action.by)}`;
    case 'json-set':
      return `set ${cut(action.path)} = ${cut(action.value)}`;
    case 'json-delete':
      return `delete ${cut(action.path)}`;
    case 'mock':
      return action.ms ? `mock a response after ${action.ms} ms` : 'mock a response';
    case 'hold':
      return 'hold';
    case 'latency':
      return `latency ${action.ms} ms`;
    case 'throttle':
      return `throttle to ${action.perSecond}/s`;
  }
}

export function describeMessageRule(rule: RuleContent): string {
  const where = rule.url === '' ? '' : `${cut(rule.url, 60)} · `;
  return `${where}${DIRECTIONS[rule.dir]} · ${describeMatch(rule.match)} → ${describeAction(rule.action)}`;
}
