import { describe, expect, it } from 'vitest';
import { countRuleHits, hitsText } from '../../../src/panel/message-rules/hits';
import { heldRow, message, ruleErrorRow } from './fixtures';

describe('rule hits from rows', () => {
  it('counts each message a rule acted on once, and keeps its last error', () => {
    const rows = [
      message('send', 'hello', { rule: 1, kind: 'dropped' }),
      message('send', 'hello again', { rule: 1, kind: 'dropped' }),
      message('send', '{"type":"getUserData"}', { rule: 3, kind: 'mocked' }),
      // The mock's reply is the same hit as the mocked send.
      message('recv', '{"type":"response"}', { rule: 3, kind: 'mock-reply' }),
      heldRow(4, 1),
      // The message a hold let go is the same hit as its held row.
      message('send', 'hi', { rule: 4, kind: 'held', hold: 1, outcome: 'forwarded' }),
      message('recv', 'untouched'),
      ruleErrorRow(2, 'the JSON path data.x is not in the message', 1),
      ruleErrorRow(2, 'invalid template'),
    ];
    const hits = countRuleHits(rows, 0);
    expect(Object.fromEntries(hits)).toEqual({
      1: { hits: 2 },
      2: { hits: 0, error: 'invalid template' },
      3: { hits: 1 },
      4: { hits: 1 },
    });
  });

  it('adds rows from a position to earlier counts', () => {
    const rows = [message('send', 'a', { rule: 1, kind: 'delayed', ms: 5 }), message('send', 'b', { rule: 1, kind: 'delayed', ms: 5 })];
    const first = countRuleHits(rows.slice(0, 1), 0);
    expect(countRuleHits(rows, 1, first).get(1)).toEqual({ hits: 2 });
  });

  it('says hit or hits', () => {
    expect(hitsText(0)).toBe('0 hits');
    expect(hitsText(1)).toBe('1 hit');
    expect(hitsText(12)).toBe('12 hits');
  });
});
