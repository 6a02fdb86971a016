/**
 * Keeps the panel's refusal rules live: folds the counts the pages report on each refusal into the
 * list (see rule-counts.ts), and drops time rules as they lapse. Either change goes out to every
 * document through rule-sync.ts, like any change of the list.
 */
import { effect } from '@preact/signals';
import { capture, version } from '../state/store';
import { refuseRules } from './action-state';
import { reportedCounts, withReportedCounts } from './rule-counts';
import { liveRules } from './rules';

/** How often lapsed rules are looked for: a rule leaves the list well within a second of its end. */
export const RULE_TICK_MS = 250;

/** Starts watching; returns the function that stops. */
export function watchRules(clock: () => number = Date.now, tickMs = RULE_TICK_MS): () => void {
  // Rows are appended between clears; an insert out of time order (a late iframe batch) or a new rows
  // array means rescanning from the start, which is harmless: taking the fewest attempts is idempotent.
  let scanned = { rows: capture.peek().rows, epoch: capture.peek().rowsEpoch, next: 0 };
  const stopFolding = effect(() => {
    version.value;
    const { rows, rowsEpoch } = capture.value;
    const from = rows === scanned.rows && rowsEpoch === scanned.epoch ? scanned.next : 0;
    scanned = { rows, epoch: rowsEpoch, next: rows.length };
    const rules = refuseRules.peek();
    if (!rules.some((r) => r.attempts !== undefined)) return;
    const counted = withReportedCounts(rules, reportedCounts(rows, from));
    if (counted !== rules) refuseRules.value = counted;
  });
  const timer = setInterval(() => {
    const rules = refuseRules.peek();
    const live = liveRules(rules, clock());
    if (live !== rules) refuseRules.value = live;
  }, tickMs);
  return () => {
    stopFolding();
    clearInterval(timer);
  };
}
