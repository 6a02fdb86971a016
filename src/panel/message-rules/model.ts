/** The panel's message rules as it keeps them: the protocol's rule plus the user's on/off switch. */
import type { MessageRule, RuleAction, RuleMatch } from '../../shared/message-rules';

/** One rule of the list: what goes to the page when it is on. */
export type StoredRule = MessageRule & { on: boolean };

export type MatchKind = RuleMatch['m'];
export type ActionKind = RuleAction['a'];

export const MATCH_KINDS: readonly { value: MatchKind; label: string }[] = [
  { value: 'any', label: 'Any message' },
  { value: 'contains', label: 'Text contains' },
  { value: 'regex', label: 'Regular expression' },
  { value: 'json-equals', label: 'JSON path equals' },
  { value: 'json-exists', label: 'JSON path exists' },
  { value: 'event', label: 'Event name' },
];

export const ACTION_KINDS: readonly { value: ActionKind; label: string }[] = [
  { value: 'delay', label: 'Delay' },
  { value: 'drop', label: 'Drop' },
  { value: 'replace', label: 'Find and replace' },
  { value: 'json-set', label: 'Set a JSON value' },
  { value: 'json-delete', label: 'Delete a JSON value' },
  { value: 'mock', label: 'Mock a response' },
  { value: 'hold', label: 'Hold (breakpoint)' },
  { value: 'latency', label: 'Connection latency' },
  { value: 'throttle', label: 'Throttle' },
];

/** Hits and the last error a rule had, counted from the timeline's rows. */
export interface RuleHits {
  hits: number;
  error?: string;
}
