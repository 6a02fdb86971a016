/** The refusal rules in force for the tab, each removable. Lapsed time rules are pruned on the way. */
import { refuseRules, showStatus } from './action-state';
import { describeRule, liveRules } from './rules';

export function RulesList({ readOnly }: { readOnly: boolean }) {
  const now = Date.now();
  const rules = liveRules(refuseRules.value, now);
  if (rules.length === 0) return null;
  const remove = (index: number) => {
    const rule = rules[index];
    refuseRules.value = rules.filter((_, i) => i !== index);
    showStatus(`Removed rule for ${rule.pattern}`);
  };
  return (
    <section class="actions-rules" aria-label="Refusal rules">
      <ul>
        {rules.map((rule, i) => (
          <li key={`${i}:${rule.pattern}`}>
            <span>{describeRule(rule, now)}</span>
            <button type="button" aria-label={`Remove rule ${rule.pattern}`} disabled={readOnly} onClick={() => remove(i)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
