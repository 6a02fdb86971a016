/** The message rules' state that outlives the Rules tab (the list acts on pages whichever tab is shown). */
import { signal } from '@preact/signals';
import type { RuleDraft } from './draft';
import type { RuleHits, StoredRule } from './model';

/** The inspected page's rules, in the order the page applies them. */
export const messageRules = signal<StoredRule[]>([]);

/** The origin the list belongs to; null until the page's origin is known and its rules are read from storage. */
export const rulesOrigin = signal<string | null>(null);

/** Hits and last errors by rule id, counted from the timeline's rows (see hits.ts). */
export const ruleHits = signal<ReadonlyMap<number, RuleHits>>(new Map());

/** The rule editor's content while it is open. */
export const ruleEditor = signal<RuleDraft | null>(null);

/** The last result line of the tab (saved, imported, why an import failed). */
export const rulesStatus = signal('');
