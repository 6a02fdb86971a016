/**
 * Each rule's hits and last error, counted from the timeline's rows: a message a rule acted on (its
 * `fx`), a held frame, a rule error. A mock's made-up reply and the message a hold let go are the same
 * hit as the mocked send and the held row, so they are not counted twice. Pure.
 */
import type { Row } from '../state/model';
import type { RuleHits } from './model';

/** Adds what rows from `from` on say about rules to `into` (by rule id). */
export function countRuleHits(rows: readonly Row[], from: number, into = new Map<number, RuleHits>()): Map<number, RuleHits> {
  const entry = (id: number) => {
    const known = into.get(id);
    if (known) return known;
    const hits: RuleHits = { hits: 0 };
    into.set(id, hits);
    return hits;
  };
  for (let i = from; i < rows.length; i++) {
    const row = rows[i];
    if (row.k === 'msg' && row.fx && row.fx.kind !== 'mock-reply' && row.fx.kind !== 'held') entry(row.fx.rule).hits++;
    else if (row.k === 'held' && row.ruleId !== undefined) entry(row.ruleId).hits++;
    else if (row.k === 'rule-error' && row.ruleId !== undefined) entry(row.ruleId).error = row.error ?? 'unknown error';
  }
  return into;
}

export const hitsText = (hits: number): string => `${hits} ${hits === 1 ? 'hit' : 'hits'}`;
