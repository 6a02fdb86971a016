/** The rules in the order the page applies them: each with its switch, summary, hits, last error and controls. */
import { draftOf } from './draft';
import { hitsText } from './hits';
import { commitRules } from './keeper';
import { moveRule, removeRule, setRuleOn } from './list';
import { messageRules, ruleEditor, ruleHits, rulesStatus } from './state';
import { describeMessageRule } from './summary';

export function RuleList() {
  const rules = messageRules.value;
  const hits = ruleHits.value;
  if (rules.length === 0) return <p class="rules-empty">No message rules for this site yet.</p>;
  return (
    <ul class="rule-list" aria-label="Message rules">
      {rules.map((rule, index) => {
        const n = index + 1;
        const { hits: count = 0, error } = hits.get(rule.id) ?? {};
        const summary = describeMessageRule(rule);
        return (
          <li key={rule.id} class={rule.on ? 'rule' : 'rule off'}>
            <input
              type="checkbox"
              aria-label={`Rule ${n} on`}
              checked={rule.on}
              onChange={(e) => commitRules(setRuleOn(messageRules.peek(), rule.id, (e.target as HTMLInputElement).checked))}
            />
            <span class="rule-n">{n}.</span>
            <span class="rule-summary" title={summary}>
              {summary}
            </span>
            <span class="rule-hits">{hitsText(count)}</span>
            {error ? (
              <span class="rule-error" title={error}>
                Last error: {error}
              </span>
            ) : null}
            <span class="rule-controls">
              <button type="button" aria-label={`Edit rule ${n}`} onClick={() => (ruleEditor.value = draftOf(rule))}>
                Edit
              </button>
              <button
                type="button"
                aria-label={`Move rule ${n} up`}
                disabled={index === 0}
                onClick={() => commitRules(moveRule(messageRules.peek(), rule.id, -1))}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={`Move rule ${n} down`}
                disabled={index === rules.length - 1}
                onClick={() => commitRules(moveRule(messageRules.peek(), rule.id, 1))}
              >
                ↓
              </button>
              <button
                type="button"
                aria-label={`Delete rule ${n}`}
                onClick={() => {
                  commitRules(removeRule(messageRules.peek(), rule.id));
                  if (ruleEditor.peek()?.id === rule.id) ruleEditor.value = null;
                  rulesStatus.value = `Deleted rule ${n}.`;
                }}
              >
                Delete
              </button>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
