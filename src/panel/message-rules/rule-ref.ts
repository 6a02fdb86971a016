/** A rule named from a row (by its id): its position and summary while the list still holds it. Pure. */
import type { StoredRule } from './model';
import { describeMessageRule } from './summary';

export function ruleReference(rules: readonly StoredRule[], id: number): string {
  const index = rules.findIndex((r) => r.id === id);
  if (index < 0) return 'a rule no longer in the list';
  return `rule ${index + 1}: ${describeMessageRule(rules[index])}`;
}
