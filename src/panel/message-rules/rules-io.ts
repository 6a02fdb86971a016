/** Export rules to a file and import them from one: the file format and its checks are rules-file.ts's. */
import { downloadParts } from '../export/download';
import { commitRules } from './keeper';
import { addRule, MAX_MESSAGE_RULES } from './list';
import { parseRulesFile, rulesToFile } from './rules-file';
import { messageRules, rulesOrigin, rulesStatus } from './state';

/** `socketscope-rules-<host>.json`, with only the characters every file system takes. */
export function rulesFileName(origin: string): string {
  const host = origin.replace(/^[a-z-]+:\/*/i, '').replace(/[^\w.-]+/g, '_') || 'page';
  return `socketscope-rules-${host}.json`;
}

export function exportRules(): void {
  const rules = messageRules.peek();
  downloadParts([rulesToFile(rules)], rulesFileName(rulesOrigin.peek() ?? ''), 'application/json');
  rulesStatus.value = `Exported ${rules.length} ${rules.length === 1 ? 'rule' : 'rules'}.`;
}

/** Adds a file's rules after the list's, switched as the file says; a faulty file changes nothing. */
export function importRulesText(text: string): void {
  const parsed = parseRulesFile(text);
  if (!parsed.ok) {
    rulesStatus.value = `Import failed: ${parsed.error} Nothing was changed.`;
    return;
  }
  const list = messageRules.peek();
  if (list.length + parsed.rules.length > MAX_MESSAGE_RULES) {
    rulesStatus.value = `Import failed: ${list.length} rules and ${parsed.rules.length} more would pass the limit of ${MAX_MESSAGE_RULES}. Nothing was changed.`;
    return;
  }
  let next = list;
  for (const { on, id: _ignored, ...content } of parsed.rules) {
    next = addRule(next, content);
    if (!on) next[next.length - 1] = { ...next[next.length - 1], on: false };
  }
  commitRules(next);
  const n = parsed.rules.length;
  rulesStatus.value = `Imported ${n} ${n === 1 ? 'rule' : 'rules'}.`;
}

export async function importRulesFile(file: File): Promise<void> {
  if (file.size > 8 << 20) {
    rulesStatus.value = 'Import failed: the file is too large (at most 8 MiB). Nothing was changed.';
    return;
  }
  try {
    importRulesText(await file.text());
  } catch (error) {
    rulesStatus.value = `Import failed: the file could not be read (${(error as Error).message}). Nothing was changed.`;
  }
}
