/** The effect a frame's `msg` event carries (shared/message-rules.ts), built whole once the frame went. */
import { LIMITS } from '../../shared/limits';
import type { EffectKind, HoldOutcome, RuleEffect } from '../../shared/message-rules';
import type { Natives } from '../natives';

/** The first characters of a frame before its rewrite or edit (binary frames have none to show). */
export function preview(n: Pick<Natives, 'apply' | 'stringSlice'>, data: unknown): string | undefined {
  if (typeof data !== 'string') return undefined;
  return data.length > LIMITS.previewChars ? (n.apply(n.stringSlice, data, [0, LIMITS.previewChars]) as string) : data;
}

/** Whole milliseconds and a tenth: the clock's noise is not worth showing. */
const tenths = (ms: number) => ((ms * 10 + 0.5) | 0) / 10;

export interface Outcome {
  hold: number;
  outcome: HoldOutcome;
}

/**
 * The effect of rule `rule` of kind `kind` on a frame that waited `waited` ms. `original` for a rewrite or
 * an edit; `held` for a held frame. No effect for a frame that only waited its turn behind another.
 */
export function effectOf(rule: number, kind: EffectKind | null, waited: number, original?: string, held?: Outcome): RuleEffect | undefined {
  if (kind === null) return undefined;
  const ms = waited > 0 ? tenths(waited) : undefined;
  if (held) return { rule, kind: 'held', ms, original, hold: held.hold, outcome: held.outcome };
  return { rule, kind, ms, original };
}
