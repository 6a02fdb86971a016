/** The page hook's refusal rules: matching, counting attempts, and the wall clock for time rules. */
import { describe, expect, it } from 'vitest';
import { type ActionContext, createActionState, refusingRule, ruleCount, runCommand } from '../../../src/page/commands';
import type { Natives } from '../../../src/page/natives';
import type { RefuseRule } from '../../../src/shared/protocol';

const WS = 'wss://chat.example/ws?room=1';

/** Only what the rules code reads: the rest of the natives belong to sockets. */
function context(clock: { now: number }): ActionContext {
  const n = {
    apply: Reflect.apply,
    hasOwn: Object.prototype.hasOwnProperty,
    dateNow: () => clock.now,
    RegExp,
    regExpExec: RegExp.prototype.exec,
    stringSlice: String.prototype.slice,
    WeakSet,
    WeakMap, // the message rules' state, made with the action state
    create: Object.create,
  } as unknown as Natives;
  return {
    n,
    state: createActionState(n),
    socketOf: () => undefined,
    streamOf: () => undefined,
    push: () => undefined,
    recordInjectedSend: () => undefined,
    time: () => 0, // the page's event clock: never the one rules are read against
  };
}

const send = (ctx: ActionContext, rules: RefuseRule[]) => runCommand(ctx, { c: 'rules', rules: structuredClone(rules) });
const refusals = (ctx: ActionContext, tries: number) =>
  Array.from({ length: tries }, () => refusingRule(ctx, WS) !== null).filter(Boolean).length;

describe('refusal rules in the page', () => {
  it('refuse N attempts to a matching URL, by substring or /regex/', () => {
    const ctx = context({ now: 0 });
    send(ctx, [{ id: 1, pattern: 'chat.example', attempts: 2 }]);
    expect(refusingRule(ctx, 'wss://other.example/')).toBeNull();
    expect(refusals(ctx, 5)).toBe(2);
    send(ctx, [{ id: 2, pattern: '/room=\\d$/', attempts: 1 }]);
    expect(refusals(ctx, 3)).toBe(1);
  });

  it('keep counting a rule they hold when the list comes again, and start a new rule afresh', () => {
    const ctx = context({ now: 0 });
    const rule = { id: 7, pattern: 'chat.example', attempts: 3 };
    send(ctx, [rule]);
    expect(refusals(ctx, 2)).toBe(2);
    send(ctx, [rule, { id: 8, pattern: 'nothing-matches' }]); // a new document appeared: the list is sent again
    expect(refusals(ctx, 5)).toBe(1);
    send(ctx, [{ ...rule, id: 9 }]); // a new test with the same settings
    expect(refusals(ctx, 5)).toBe(3);
  });

  it('adopt a lower count from the panel (another document used attempts), never a higher one', () => {
    const ctx = context({ now: 0 });
    const rule = { id: 7, pattern: 'chat.example', attempts: 3 };
    send(ctx, [rule]);
    expect(refusals(ctx, 1)).toBe(1); // this document holds 2
    send(ctx, [{ ...rule, attempts: 1 }]); // the panel heard that another document has 1 left
    expect(refusals(ctx, 5)).toBe(1);
    send(ctx, [rule]); // an old list again: the count does not go back up
    expect(refusals(ctx, 5)).toBe(0);
  });

  it('report the rule that refused with the attempts this document has left', () => {
    const ctx = context({ now: 0 });
    send(ctx, [
      { id: 1, pattern: 'other.example', attempts: 5 },
      { id: 2, pattern: 'chat.example', attempts: 2 },
    ]);
    const reports = [1, 2, 3].map(() => {
      const rule = refusingRule(ctx, WS);
      return rule && ruleCount(ctx.n, rule);
    });
    expect(reports).toEqual([{ id: 2, attempts: 1 }, { id: 2, attempts: 0 }, null]);
    send(ctx, [{ id: 3, pattern: 'chat', until: 10 }]);
    expect(ruleCount(ctx.n, refusingRule(ctx, WS)!)).toEqual({ id: 3 });
  });

  it('end time rules on the wall clock, which the panel set them by', () => {
    const clock = { now: 1_000 };
    const ctx = context(clock);
    send(ctx, [{ id: 1, pattern: 'chat', until: 2_000 }]);
    expect(refusingRule(ctx, WS)).not.toBeNull();
    clock.now = 2_001;
    expect(refusingRule(ctx, WS)).toBeNull();
  });

  it('offline rules refuse until removed', () => {
    const ctx = context({ now: 0 });
    send(ctx, [{ id: 1, pattern: 'chat' }]);
    expect(refusals(ctx, 50)).toBe(50);
    send(ctx, []);
    expect(refusingRule(ctx, WS)).toBeNull();
  });
});
