/**
 * What a message rule did to a row, in the words of the timeline's effect cell (class `c-fx`) and the
 * details. Pure. A held row is the frame waiting; the message row that follows it says how it went on.
 */
import type { RuleEffect } from '../../shared/message-rules';
import type { Row } from '../state/model';

const ms = (value: number | undefined) => `${Math.round(value ?? 0)} ms`;

export function effectText(fx: RuleEffect): string {
  switch (fx.kind) {
    case 'delayed':
      return `delayed ${ms(fx.ms)}`;
    case 'dropped':
      return 'dropped';
    case 'rewritten':
      return 'rewritten';
    case 'mocked':
      return 'mocked (not sent)';
    case 'mock-reply':
      return 'mock reply';
    case 'throttled':
      return `throttled ${ms(fx.ms)}`;
    case 'held':
      return fx.outcome ? `held → ${fx.outcome}` : 'held';
  }
}

/** The effect cell's text for any row, or null when no rule touched it. */
export function rowEffectText(row: Row): string | null {
  if (row.k === 'held') return 'held';
  if (row.k === 'rule-error') return 'rule error';
  if (row.k !== 'msg') return null;
  if (row.fx) return effectText(row.fx);
  return row.from ? 'resent' : null;
}

/** A message that never reached the other side: it is not counted as sent traffic (docs/message-rules.md). */
export const neverSent = (fx: RuleEffect | undefined): boolean => fx?.kind === 'dropped' || fx?.kind === 'mocked';

/** A message whose text a rule or the user's edit changed: the details show the original and the result. */
export const wasChanged = (fx: RuleEffect | undefined): boolean =>
  fx?.kind === 'rewritten' || (fx?.kind === 'held' && fx.outcome === 'edited');
