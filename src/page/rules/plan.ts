/**
 * What the rules do to one frame, decided when it reaches the hook: how long it waits, whether it is held,
 * dropped or answered by a mock, and its new text. A rule that cannot act (a JSON path on a frame that is not
 * JSON, a template naming a field the request lacks…) is reported and the frame goes on as it was.
 */
import type { JsonOps } from '../../shared/json-ops';
import { LIMITS } from '../../shared/limits';
import type { EffectKind } from '../../shared/message-rules';
import { fillTemplate } from '../../shared/rule-template';
import type { Natives } from '../natives';
import type { CompiledRule } from './compile';
import type { Decision, FrameView } from './match';
import { rewrite } from './rewrite';

export interface Plan {
  /** The rule the frame's effect names (0: none, the frame only waits its turn). */
  rule: number;
  kind: EffectKind | null;
  wait: number;
  spacing: number;
  hold: boolean;
  drop: boolean;
  /** The mock's reply to an outgoing frame, and how long after it the page receives it. */
  mock: string | null;
  mockMs: number;
  /** The rewritten text (null: the frame is unchanged). */
  text: string | null;
}

const clampWait = (ms: number) => (ms > LIMITS.ruleDelayMax ? LIMITS.ruleDelayMax : ms > 0 ? ms : 0);

export const emptyPlan = (): Plan => ({
  rule: 0,
  kind: null,
  wait: 0,
  spacing: 0,
  hold: false,
  drop: false,
  mock: null,
  mockMs: 0,
  text: null,
});

function applyRule(n: Natives, ops: JsonOps, plan: Plan, rule: CompiledRule, frame: FrameView): string | null {
  const { action } = rule;
  switch (action.a) {
    case 'delay':
      plan.wait += clampWait(action.ms);
      plan.kind = 'delayed';
      return null;
    case 'drop':
      plan.drop = true;
      plan.kind = 'dropped';
      return null;
    case 'hold':
      plan.hold = true;
      plan.kind = 'held';
      return null;
    case 'mock': {
      if (frame.text === null) return 'a mock answers text messages only';
      const reply = fillTemplate(ops, rule.template ?? [], frame.text);
      if (typeof reply === 'string') return reply;
      plan.mock = reply.text;
      plan.mockMs = clampWait(action.ms ?? 0);
      plan.kind = 'mocked';
      return null;
    }
    default: {
      const result = rewrite(n, ops, rule, frame);
      if (typeof result === 'string') return result;
      plan.text = result.text;
      plan.kind = 'rewritten';
      return null;
    }
  }
}

/** The plan for `frame` under `decision`; `report` hears of each rule that could not act, and why. */
export function planFrame(
  n: Natives,
  ops: JsonOps,
  decision: Decision,
  frame: FrameView,
  report: (rule: number, error: string) => void,
): Plan {
  const plan = emptyPlan();
  const { rule, wide } = decision;
  if (rule) {
    let why: string | null;
    try {
      why = applyRule(n, ops, plan, rule, frame);
    } catch {
      why = 'the rule failed on this message';
    }
    if (why === null) plan.rule = rule.id;
    else report(rule.id, why);
  }
  if (wide) {
    const { action } = wide;
    if (action.a === 'latency') plan.wait += clampWait(action.ms);
    else if (action.a === 'throttle') plan.spacing = 1000 / action.perSecond;
    if (plan.kind === null) {
      plan.rule = wide.id;
      plan.kind = action.a === 'throttle' ? 'throttled' : 'delayed';
    }
  }
  return plan;
}
