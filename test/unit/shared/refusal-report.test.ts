/** A refusal's rule count travels from the page hook to the panel: checked at each boundary, kept by the relay. */
import { describe, expect, it } from 'vitest';
import { toWire } from '../../../src/content/to-wire';
import { capturedEvent } from '../../../src/shared/page-link';
import { checkWireEvent } from '../../../src/shared/protocol';
import { checker } from '../../../src/shared/validate';
import { tupleOf } from './page-event-tuples';

const check = checker(capturedEvent);
const checkPageEvent = (event: { k: string } & Record<string, unknown>, path: string) => check(tupleOf(event), path);

const refusal = {
  k: 'action',
  id: 4,
  t: 1_000,
  action: 'refuse',
  detail: 'refused by rule "chat"',
  rule: { id: 1_700_000_000_000_001, attempts: 2 },
};

describe('the rule count on a refusal', () => {
  it('passes the page check and reaches the panel unchanged', () => {
    const checked = checkPageEvent(refusal, 'event');
    const wire = toWire(checked)?.event;
    expect(wire).toEqual({ k: 'action', conn: 4, t: 1_000, action: 'refuse', detail: 'refused by rule "chat"', rule: refusal.rule });
    expect(checkWireEvent({ ...wire, seq: 9 }, 'event').rule).toEqual(refusal.rule);
  });

  it('is optional, and a time or offline rule reports only its id', () => {
    const { rule: _, ...withoutRule } = refusal;
    expect(toWire(checkPageEvent(withoutRule, 'event'))?.event).not.toHaveProperty('rule');
    expect(checkPageEvent({ ...refusal, rule: { id: 3 } }, 'event')).toMatchObject({ rule: { id: 3 } });
  });

  it('is rejected when malformed, and stripped of fields it does not define', () => {
    expect(() => checkPageEvent({ ...refusal, rule: { id: 1, attempts: 0.5 } }, 'event')).toThrow('event.rule.attempts: expected integer');
    expect(() => checkWireEvent({ seq: 1, conn: 1, k: 'action', t: 1, rule: 'x' }, 'event')).toThrow('event.rule: expected object');
    expect(checkPageEvent({ ...refusal, rule: { id: 1, pattern: '<img>' } }, 'event')).toMatchObject({ rule: { id: 1 } });
    expect(checkPageEvent({ ...refusal, rule: { id: 1, pattern: '<img>' } }, 'event')).not.toHaveProperty('rule.pattern');
  });
});
