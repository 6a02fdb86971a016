import { describe, expect, it } from 'vitest';
import { effectText, neverSent, rowEffectText, wasChanged } from '../../../src/panel/format/rule-effect';
import { describeMessageRule } from '../../../src/panel/message-rules/summary';
import type { RuleEffect } from '../../../src/shared/message-rules';
import { delayChat, dropHello, heldRow, message, mockUser, ruleErrorRow } from '../message-rules/fixtures';

const fx = (kind: RuleEffect['kind'], more: Partial<RuleEffect> = {}): RuleEffect => ({ rule: 1, kind, ...more });

describe('rule effect texts', () => {
  it('names each effect as the timeline shows it', () => {
    expect(effectText(fx('delayed', { ms: 500.4 }))).toBe('delayed 500 ms');
    expect(effectText(fx('dropped'))).toBe('dropped');
    expect(effectText(fx('rewritten', { original: 'a' }))).toBe('rewritten');
    expect(effectText(fx('mocked'))).toBe('mocked (not sent)');
    expect(effectText(fx('mock-reply'))).toBe('mock reply');
    expect(effectText(fx('throttled', { ms: 250 }))).toBe('throttled 250 ms');
    expect(effectText(fx('held', { hold: 1, outcome: 'forwarded' }))).toBe('held → forwarded');
    expect(effectText(fx('held', { hold: 1, outcome: 'edited' }))).toBe('held → edited');
    expect(effectText(fx('held', { hold: 1, outcome: 'dropped' }))).toBe('held → dropped');
    expect(effectText(fx('held', { hold: 1, outcome: 'released' }))).toBe('held → released');
  });

  it('marks held rows, rule errors and resent messages; leaves other rows blank', () => {
    expect(rowEffectText(heldRow(1, 2))).toBe('held');
    expect(rowEffectText(ruleErrorRow(1, 'boom'))).toBe('rule error');
    expect(rowEffectText({ ...message('send', 'again'), from: { frame: 'page', seq: 3 } } as never)).toBe('resent');
    expect(rowEffectText(message('send', 'x', fx('dropped')))).toBe('dropped');
    expect(rowEffectText(message('recv', 'plain'))).toBeNull();
  });

  it('tells which effects never reached the other side and which changed the text', () => {
    expect([neverSent(fx('dropped')), neverSent(fx('mocked')), neverSent(fx('mock-reply')), neverSent(undefined)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect([
      wasChanged(fx('rewritten')),
      wasChanged(fx('held', { outcome: 'edited' })),
      wasChanged(fx('held', { outcome: 'forwarded' })),
    ]).toEqual([true, true, false]);
  });
});

describe('rule summaries', () => {
  it('reads as one line', () => {
    expect(describeMessageRule(dropHello)).toBe('sent · contains "hello" → drop');
    expect(describeMessageRule(delayChat)).toBe('example.test/chat · received · type = "chat" → delay 500 ms');
    expect(describeMessageRule(mockUser)).toBe('sent · event "getUserData" → mock a response after 20 ms');
    expect(describeMessageRule({ url: '', dir: 'both', match: { m: 'any' }, action: { a: 'throttle', perSecond: 2 } })).toBe(
      'sent and received · any message → throttle to 2/s',
    );
  });
});
