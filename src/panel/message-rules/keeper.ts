/**
 * The message rules' lifecycle outside any view: the list follows the inspected page's origin (read from
 * storage when it changes, written on every edit), and hits are counted as rows arrive.
 */
import { effect } from '@preact/signals';
import type { KeyValueStorage } from '../actions/snippets';
import { imported, liveCapture } from '../state/session';
import { capture, version } from '../state/store';
import { countRuleHits } from './hits';
import type { RuleHits, StoredRule } from './model';
import { inspectedOrigin } from './origin';
import { messageRules, ruleHits, rulesOrigin } from './state';
import { loadMessageRules, saveMessageRules } from './storage';

let storage: KeyValueStorage | null = null;

/** The inspected page's origin, from the live capture even while an import is shown (read in an effect, it tracks it). */
function pageOrigin(): string | null {
  version.value;
  imported.value;
  return inspectedOrigin(liveCapture());
}

/** Follows the page's origin: its rules replace the list (none while they load, so no other origin's rules act). */
export function followOrigin(kept: KeyValueStorage, origin: () => string | null = pageOrigin): () => void {
  storage = kept;
  let current: string | null = null;
  return effect(() => {
    const next = origin();
    if (next === current) return;
    current = next;
    rulesOrigin.value = null;
    if (messageRules.peek().length > 0) messageRules.value = [];
    if (next === null) return;
    loadMessageRules(kept, next).then(
      (rules) => {
        if (current !== next) return;
        messageRules.value = rules;
        rulesOrigin.value = next;
      },
      () => {
        if (current === next) rulesOrigin.value = next; // storage unavailable: rules still work for this session
      },
    );
  });
}

/** Sets the list and keeps it for the origin. The change reaches the pages through sync.ts. */
export function commitRules(next: StoredRule[]): void {
  messageRules.value = next;
  const origin = rulesOrigin.peek();
  if (storage && origin !== null) saveMessageRules(storage, origin, next).catch(() => undefined);
}

/** Counts hits from the rows as they arrive; a new rows array (Clear, a new page) counts again from the start. */
export function countHits(): () => void {
  let scanned = { rows: capture.peek().rows, epoch: capture.peek().rowsEpoch, next: 0 };
  let counts = new Map<number, RuleHits>();
  return effect(() => {
    version.value;
    const { rows, rowsEpoch } = capture.value;
    const fresh = !(rows === scanned.rows && rowsEpoch === scanned.epoch);
    if (fresh) counts = new Map();
    const from = fresh ? 0 : scanned.next;
    scanned = { rows, epoch: rowsEpoch, next: rows.length };
    if (!fresh && from === rows.length) return;
    const before = JSON.stringify([...counts]);
    countRuleHits(rows, from, counts);
    // Most batches touch no rule: the list re-renders only when a count or an error changed.
    if (!fresh && JSON.stringify([...counts]) === before) return;
    ruleHits.value = new Map([...counts].map(([id, hits]) => [id, { ...hits }]));
  });
}
