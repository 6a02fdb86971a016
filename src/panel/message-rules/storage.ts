/**
 * Reading and writing an origin's rules in extension storage (key `msg-rules:<origin>`), in the rules file's
 * format. What storage returns is checked like an imported file: a damaged entry reads as no rules.
 */
import type { KeyValueStorage } from '../actions/snippets';
import { newMessageRuleId } from './list';
import type { StoredRule } from './model';
import { rulesStorageKey } from './origin';
import { parseRulesFile, rulesToFile } from './rules-file';

export async function loadMessageRules(storage: KeyValueStorage, origin: string): Promise<StoredRule[]> {
  const stored = await storage.get(rulesStorageKey(origin));
  if (typeof stored !== 'string') return [];
  const parsed = parseRulesFile(stored);
  if (!parsed.ok) return [];
  const seen = new Set<number>();
  return parsed.rules.map(({ id, ...rule }) => {
    const kept = id !== undefined && !seen.has(id) ? id : newMessageRuleId();
    seen.add(kept);
    return { id: kept, ...rule };
  });
}

export const saveMessageRules = (storage: KeyValueStorage, origin: string, rules: readonly StoredRule[]): Promise<void> =>
  storage.set(rulesStorageKey(origin), rulesToFile(rules));
