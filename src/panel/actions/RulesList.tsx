/** The refusal rules in force for the tab, each removable, with the time or attempts it has left (ticking). */
import { useNow } from '../components/useNow';
import { refuseRules, showStatus } from './action-state';
import { RULE_TICK_MS } from './rule-watch';
import { describeRule } from './rules';

export function RulesList({ readOnly }: { readOnly: boolean }) {
  useNow(RULE_TICK_MS); // re-renders on every tick, so that time rules count down
  const now = Date.now();
  const rules = refuseRules.value;
  if (rules.length === 0) return null;
  const remove = (id: number, pattern: string) => {
    refuseRules.value = refuseRules.value.filter((r) => r.id !== id);
    showStatus(`Removed rule for ${pattern}`);
  };
  return (
    <section class="actions-rules" aria-label="Refusal rules">
      <ul>
        {rules.map((rule) => (
          <li key={rule.id}>
            <span>{describeRule(rule, now)}</span>
            <button
              type="button"
              aria-label={`Remove rule ${rule.pattern}`}
              disabled={readOnly}
              onClick={() => remove(rule.id, rule.pattern)}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
