/**
 * The rules file (Export rules / Import rules) and the stored list share one small, versioned format:
 *
 *   { "format": "socketscope-message-rules", "version": 1,
 *     "rules": [ { "on": true, "url": "", "dir": "send",
 *                  "match": { "m": "contains", "text": "hello" }, "action": { "a": "drop" } } ] }
 *
 * `url`, `dir`, `match` and `action` are the protocol's (src/shared/message-rules.ts, docs/message-rules.md);
 * `id` is optional and an imported rule gets a new one
 * (the stored list keeps its ids, so that hits recorded under them still count). A file is hostile until checked: its size, its rule
 * count and every field are capped, every rule must pass the editor's validation, and a file with any fault
 * is refused whole, with the first fault named.
 */
import { LIMITS } from '../../shared/limits';
import { ruleAction, ruleDirection, ruleMatch } from '../../shared/message-rules';
import { arrayOf, bool, int, literal, object, optional, str } from '../../shared/schema';
import { checker, ProtocolError } from '../../shared/validate';
import type { StoredRule } from './model';
import { FIELD_LABELS, type RuleContent, ruleProblems } from './validate';

export const RULES_FORMAT = 'socketscope-message-rules';
export const RULES_VERSION = 1;
/** A file larger than this is not read: 100 rules of the largest template fit well within it. */
export const MAX_RULES_FILE_BYTES = 8 << 20;

const fileRule = object({
  /** Kept in storage so that hits recorded under it still count; an import gives every rule a new one. */
  id: optional(int),
  on: optional(bool),
  url: str(LIMITS.rulePattern),
  dir: ruleDirection,
  match: ruleMatch,
  action: ruleAction,
});
const rulesFile = object({
  format: literal(RULES_FORMAT),
  version: int,
  rules: arrayOf(fileRule, LIMITS.messageRules),
});
const checkFile = checker(rulesFile);

export type FileRule = RuleContent & { on: boolean; id?: number };

export function rulesToFile(rules: readonly StoredRule[]): string {
  const out = rules.map(({ id, on, url, dir, match, action }) => ({ id, on, url, dir, match, action }));
  return `${JSON.stringify({ format: RULES_FORMAT, version: RULES_VERSION, rules: out }, null, 2)}\n`;
}

/** The file's rules, or why none of them can be taken. */
export function parseRulesFile(text: string): { ok: true; rules: FileRule[] } | { ok: false; error: string } {
  if (text.length > MAX_RULES_FILE_BYTES) return { ok: false, error: `The file is too large (at most ${MAX_RULES_FILE_BYTES >> 20} MiB).` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'Not a rules file: it is not JSON.' };
  }
  const head = value as { format?: unknown; version?: unknown; rules?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== RULES_FORMAT)
    return { ok: false, error: `Not a rules file: "format" must be "${RULES_FORMAT}".` };
  if (typeof head.version !== 'number' || head.version > RULES_VERSION)
    return { ok: false, error: `Rules file version ${String(head.version)} is not supported (this panel reads version ${RULES_VERSION}).` };
  if (Array.isArray(head.rules) && head.rules.length > LIMITS.messageRules)
    return { ok: false, error: `The file holds ${head.rules.length} rules: at most ${LIMITS.messageRules} can be imported.` };
  let checked: ReturnType<typeof checkFile>;
  try {
    checked = checkFile(value, 'file');
  } catch (error) {
    if (error instanceof ProtocolError) return { ok: false, error: `Not a valid rules file: ${error.message}` };
    throw error;
  }
  const rules: FileRule[] = [];
  for (const [index, rule] of checked.rules.entries()) {
    const content: RuleContent = { url: rule.url, dir: rule.dir, match: rule.match, action: rule.action };
    const [problem] = ruleProblems(content);
    if (problem) return { ok: false, error: `Rule ${index + 1}: ${FIELD_LABELS[problem.field]}: ${problem.message}` };
    rules.push({ ...content, on: rule.on ?? true, ...(rule.id !== undefined ? { id: rule.id } : {}) });
  }
  return { ok: true, rules };
}
