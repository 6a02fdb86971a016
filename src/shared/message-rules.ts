/**
 * Message rules (delay, drop, rewrite, mock, hold, connection-wide latency and throttle) as they cross every hop:
 * the panel edits them, the relay forwards them, and the page hook applies them to each frame before it leaves
 * (send) or before the page's listeners see it (receive). The hook reports what each rule did as an effect on
 * the message's event, so that the timeline can show it. Schemas only: each receiver compiles its own checker.
 */
import { direction, short } from './fields';
import { LIMITS } from './limits';
import { type Infer, int, literal, num, object, optional, str, tagged } from './schema';

/** Which frames a rule looks at. */
export const ruleDirection = literal('send', 'recv', 'both');
export type RuleDirection = Infer<typeof ruleDirection>;

const jsonPath = str(LIMITS.ruleJsonPath);
const ruleText = str(LIMITS.ruleText);

/**
 * What a frame must hold for the rule to act. Text conditions never match binary frames. A JSON path is dotted
 * with [n] indexes (`data.items[0].id`); `value` is JSON text compared by value (`"chat"`, `42`, `{"a":1}`).
 * `event` is the decoded event name: a Socket.IO event, else the JSON field `event` or `type`.
 */
export const ruleMatch = tagged('m', {
  any: {},
  contains: { text: ruleText },
  regex: { pattern: str(LIMITS.ruleRegex), flags: optional(str(8)) },
  'json-equals': { path: jsonPath, value: ruleText },
  'json-exists': { path: jsonPath },
  event: { name: ruleText },
});
export type RuleMatch = Infer<typeof ruleMatch>;

/**
 * What the rule does to a matching frame. `latency` and `throttle` are connection-wide (normally with `m: any`):
 * every matching frame waits `ms`, or frames are spaced to at most `perSecond`. A mock answers an outgoing frame
 * (which the server then never sees) with a receive built from `template`, where `{{path}}` is replaced by the JSON
 * of that path in the request (`{{requestId}}`, `{{data.id}}`); `{{}}` is the whole request.
 */
export const ruleAction = tagged('a', {
  delay: { ms: int },
  drop: {},
  replace: { find: ruleText, by: ruleText, regex: optional(literal(true)) },
  'json-set': { path: jsonPath, value: ruleText },
  'json-delete': { path: jsonPath },
  mock: { template: str(LIMITS.ruleTemplate), ms: optional(int) },
  hold: {},
  latency: { ms: int },
  throttle: { perSecond: num },
});
export type RuleAction = Infer<typeof ruleAction>;

/** One rule, as the hook receives it: only rules that are switched on are sent, in the user's order. */
export const messageRule = object({
  /** Identity across edits: effects and errors name it, and the panel counts its hits. */
  id: int,
  /** Substring of the socket's URL, or a regular expression written as /…/; empty matches every socket. */
  url: str(LIMITS.rulePattern),
  dir: ruleDirection,
  match: ruleMatch,
  action: ruleAction,
});
export type MessageRule = Infer<typeof messageRule>;

/** What happened to a frame because of a rule (or of the user's answer to a hold). */
export const effectKind = literal('delayed', 'dropped', 'rewritten', 'mocked', 'mock-reply', 'held', 'throttled');
export type EffectKind = Infer<typeof effectKind>;

/** How a held frame went on. `released`: the panel could no longer answer, so it went as it was. */
export const holdOutcome = literal('forwarded', 'edited', 'dropped', 'released');
export type HoldOutcome = Infer<typeof holdOutcome>;

/**
 * Carried by the `msg` event of an affected frame, recorded when the frame actually went (or would have gone):
 * a delayed receive is recorded when the page's listeners get it, so latency and pairing see what the page saw.
 * `dropped` and `mocked` frames never reached the other side; `mock-reply` is the receive a mock made up.
 */
export const ruleEffect = object({
  rule: int,
  kind: effectKind,
  /** How long the frame waited (delay, latency, throttle, hold, a mock's delay). */
  ms: optional(num),
  /** The frame as the page sent or the server sent it, before a rewrite or an edit (its first characters). */
  original: optional(str(LIMITS.previewChars)),
  /** A held frame: its hold number and how it went on. */
  hold: optional(int),
  outcome: optional(holdOutcome),
});
export type RuleEffect = Infer<typeof ruleEffect>;

/** The user's answer to a held frame. `edited` carries the new data (text, or base64 from the panel). */
export const holdDecision = literal('forward', 'edited', 'drop');
export type HoldDecision = Infer<typeof holdDecision>;

/** A rule that could not act on a frame (the frame went on as it was): the panel shows `error` on the rule. */
export const ruleErrorFields = { rule: int, error: short } as const;

/** A message sent again from the timeline points back at the row it came from. */
export const resentFrom = object({ frame: str(LIMITS.keyChars), seq: int });
export type ResentFrom = Infer<typeof resentFrom>;

export { direction };
