/**
 * The rewrite actions on a text frame: replace text (every occurrence) or a regular expression, set or
 * delete a JSON path. Each returns the new text, or why it could not (the frame then goes on unchanged).
 * A regex replacement looks at the first LIMITS.ruleRegexInput characters; the rest of the frame is kept
 * as it is. In the replacement, $& is the match, $1…$9 its groups and $$ a dollar sign.
 * Page-world code: strings are cut with the saved slice, regexes run with the saved exec.
 */
import type { JsonOps } from '../../shared/json-ops';
import { deleteJsonPath, jsonText, setJsonPath } from '../../shared/json-path';
import type { Natives } from '../natives';
import type { CompiledRule } from './compile';
import { capped, type FrameView, parsedFrame } from './match';

const slice = (n: Natives, text: string, from: number, to?: number): string =>
  n.apply(n.stringSlice, text, to === undefined ? [from] : [from, to]) as string;

function replaceText(n: Natives, text: string, find: string, by: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const at = n.apply(n.stringIndexOf, text, [find, from]) as number;
    if (at === -1) return out + slice(n, text, from);
    out += slice(n, text, from, at) + by;
    from = at + find.length;
  }
}

function expand(by: string, match: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < by.length; i++) {
    const c = by[i];
    const next = by[i + 1];
    if (c !== '$' || next === undefined) {
      out += c;
      continue;
    }
    if (next === '$') out += '$';
    else if (next === '&') out += match[0];
    else if (next >= '1' && next <= '9') out += (+next < match.length ? match[+next] : undefined) ?? '';
    else {
      out += c;
      continue;
    }
    i++;
  }
  return out;
}

function replaceRegex(n: Natives, text: string, re: RegExp, by: string): string {
  const input = capped(n, text);
  re.lastIndex = 0;
  let out = '';
  let from = 0;
  for (;;) {
    const match = n.apply(n.regExpExec, re, [input]) as RegExpExecArray | null;
    if (match === null) break;
    const at = match.index;
    out += slice(n, input, from, at) + expand(by, match);
    from = at + match[0].length;
    if (match[0].length === 0) re.lastIndex = re.lastIndex + 1; // an empty match would match there again
  }
  return out + slice(n, text, from);
}

function isJson(ops: JsonOps, text: string): boolean {
  try {
    ops.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The frame's new text under `rule`'s rewrite action, or why not. */
export function rewrite(n: Natives, ops: JsonOps, rule: CompiledRule, frame: FrameView): { text: string } | string {
  const { action } = rule;
  const text = frame.text;
  if (text === null) return 'a binary message cannot be rewritten';
  if (action.a === 'replace') {
    const replaced = rule.replaceRe ? replaceRegex(n, text, rule.replaceRe, action.by) : replaceText(n, text, action.find, action.by);
    if (replaced !== text && parsedFrame(ops, frame) !== null && !isJson(ops, replaced))
      return 'the replacement would make the JSON message invalid';
    return { text: replaced };
  }
  const parsed = parsedFrame(ops, frame);
  if (!parsed) return 'the message is not JSON';
  // Parsed again: the view's copy is shared with the conditions and must stay as the frame was.
  const root = ops.parse(text);
  let result: unknown = root;
  if (action.a === 'json-set') {
    const set = setJsonPath(ops, root, rule.actionPath ?? [], rule.actionValue?.value);
    if (typeof set === 'string') return set;
    result = set.root;
  } else {
    const why = deleteJsonPath(ops, root, rule.actionPath ?? []);
    if (why !== null) return why;
  }
  try {
    return { text: jsonText(ops, result) };
  } catch {
    return 'the rewritten message could not be written as JSON (too deeply nested)';
  }
}
