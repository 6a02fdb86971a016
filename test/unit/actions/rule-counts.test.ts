/** The rules' live counts from the pages' refusal reports, combined across the tab's documents. */
import { describe, expect, it } from 'vitest';
import { reportedCounts, withReportedCounts } from '../../../src/panel/actions/rule-counts';
import type { RefuseRule } from '../../../src/shared/protocol';
import { script } from './fixtures';

const WS = 'wss://chat.example/ws';
const TEST_RULE: RefuseRule = { id: 7, pattern: WS, attempts: 3 };
const OFFLINE: RefuseRule = { id: 8, pattern: 'other.example' };
const TIMED: RefuseRule = { id: 9, pattern: 'timed.example', until: 5_000 };

/** The top document refused twice under rule 7 (2 then 1 left); an iframe once (2 left), and once under an old rule. */
function twoDocuments() {
  const capture = script()
    .create(1, 0, WS)
    .refused(1, 10, { id: 7, attempts: 2 })
    .create(2, 20, WS)
    .refused(2, 30, { id: 7, attempts: 1 })
    .build();
  return script()
    .create(1, 40, WS)
    .refused(1, 50, { id: 7, attempts: 2 })
    .refused(1, 60, { id: 3, attempts: 0 })
    .refused(1, 70) // a report from before rules carried counts
    .buildInto(capture, 'iframe1');
}

describe('reportedCounts', () => {
  it('keeps the fewest attempts left that any document reported, per rule', () => {
    expect(reportedCounts(twoDocuments().rows, 0)).toEqual(
      new Map([
        [7, 1],
        [3, 0],
      ]),
    );
  });

  it('reads only the rows from `from` on, adding to what it was given', () => {
    const rows = twoDocuments().rows;
    const firstRefusal = rows.findIndex((r) => r.k === 'action');
    const earlier = new Map([[7, 2]]);
    expect(reportedCounts(rows, firstRefusal + 1, earlier).get(7)).toBe(1);
    expect(reportedCounts(rows, rows.length).size).toBe(0);
  });
});

describe('withReportedCounts', () => {
  it('lowers a count to what the pages hold', () => {
    expect(withReportedCounts([OFFLINE, TEST_RULE], new Map([[7, 1]]))).toEqual([OFFLINE, { ...TEST_RULE, attempts: 1 }]);
  });

  it('drops a rule with no attempts left: it is used up in the tab', () => {
    expect(withReportedCounts([TEST_RULE, TIMED], new Map([[7, 0]]))).toEqual([TIMED]);
  });

  it('never raises a count, and gives back the same list when nothing changed (so nothing is sent)', () => {
    const rules = [OFFLINE, { ...TEST_RULE, attempts: 1 }, TIMED];
    expect(
      withReportedCounts(
        rules,
        new Map([
          [7, 2],
          [8, 0],
          [9, 0],
        ]),
      ),
    ).toBe(rules);
    expect(withReportedCounts(rules, new Map())).toBe(rules);
  });
});
