/**
 * "Rule effect" in the details of a message a rule rewrote (or that the user edited while it was held): which
 * rule, the text before and the text after. Both are first parts only (the effect keeps the original's
 * preview); the payload view below shows the result whole. Captured text: rendered as text nodes only.
 */
import { oneLine } from '../format/format';
import { effectText, wasChanged } from '../format/rule-effect';
import { ruleReference } from '../message-rules/rule-ref';
import { messageRules } from '../message-rules/state';
import type { Row } from '../state/model';

export function RuleEffectFacts({ row }: { row: Row & { k: 'msg' } }) {
  const fx = row.fx;
  if (!fx) return null;
  const rule = ruleReference(messageRules.value, fx.rule);
  return (
    <section class="rule-effect" aria-label="Rule effect">
      <h3>Rule effect</h3>
      <dl class="facts">
        <div>
          <dt>Effect</dt>
          <dd>{effectText(fx)}</dd>
        </div>
        <div>
          <dt>Rule</dt>
          <dd>{rule}</dd>
        </div>
        {wasChanged(fx) ? (
          <>
            <div>
              <dt>Original</dt>
              <dd class="rule-text">{fx.original !== undefined ? oneLine(fx.original, 2000) : '(not recorded)'}</dd>
            </div>
            <div>
              <dt>Result</dt>
              <dd class="rule-text">{oneLine(row.binary ? '(binary)' : (row.preview ?? ''), 2000)}</dd>
            </div>
          </>
        ) : null}
      </dl>
    </section>
  );
}
