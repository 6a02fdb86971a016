/**
 * The refusal rules' live state from what the pages report. The page is the source of truth: it holds
 * the counts and says, on each refusal, which rule refused and how many attempts it has left.
 *
 * Every document of the tab (the top page and each iframe) holds its own copy of the rules and counts
 * on its own. The panel keeps the fewest attempts any document reported, and sends that count back
 * (the list goes out on every change), so every document refuses at most what the list shows. A
 * reconnection test is about one app's connection, which lives in one document: when that document
 * has no attempts left the test is over, so the rule leaves the list, and with it every document,
 * rather than going on refusing another frame's sockets while the panel says nothing.
 */
import type { RefuseRule } from '../../shared/protocol';
import type { Row } from '../state/model';

/** The fewest attempts left that refusal rows from `from` on report, by rule id, added to `into`. */
export function reportedCounts(rows: readonly Row[], from: number, into = new Map<number, number>()): Map<number, number> {
  for (let i = from; i < rows.length; i++) {
    const row = rows[i];
    if (row.k !== 'action' || row.action !== 'refuse' || row.rule?.attempts === undefined) continue;
    const { id, attempts } = row.rule;
    into.set(id, Math.min(attempts, into.get(id) ?? attempts));
  }
  return into;
}

/**
 * The rules with the reported counts applied: a count only goes down, and a rule with no attempts
 * left is used up and dropped. Returns `rules` itself when nothing changed, so that no list is sent.
 */
export function withReportedCounts(rules: RefuseRule[], counts: ReadonlyMap<number, number>): RefuseRule[] {
  let changed = false;
  const next: RefuseRule[] = [];
  for (const rule of rules) {
    const reported = counts.get(rule.id);
    if (rule.attempts === undefined || reported === undefined || reported >= rule.attempts) {
      next.push(rule);
      continue;
    }
    changed = true;
    if (reported > 0) next.push({ ...rule, attempts: reported });
  }
  return changed ? next : rules;
}
