/**
 * A mock rule's reply template: text in which `{{path}}` stands for the JSON of that path in the request
 * (`{{requestId}}`, `{{data.items[0].id}}`) and `{{}}` for the whole request as it was sent. Parsed once when
 * the rule arrives (the panel validates with the same parser); filled for each request the rule answers.
 * Page-world code: no string or array method is called.
 */
import type { JsonOps } from './json-ops';
import { getJsonPath, jsonText, type PathStep, parseJsonPath } from './json-path';

/** Literal text, or the path to copy (an empty list: the whole request). */
export type TemplatePart = string | { path: PathStep[]; text: string };

/** The parts of `template`, or why it does not parse. */
export function parseTemplate(template: string): TemplatePart[] | string {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < template.length) {
    if (template[i] === '{' && template[i + 1] === '{') {
      let j = i + 2;
      let inner = '';
      while (j < template.length && !(template[j] === '}' && template[j + 1] === '}')) inner += template[j++];
      if (j >= template.length) return `{{ at ${i} is never closed by }}`;
      const text = trim(inner);
      const path = parseJsonPath(text);
      if (typeof path === 'string') return `{{${text}}}: ${path}`;
      if (literal !== '') parts[parts.length] = literal;
      literal = '';
      parts[parts.length] = { path, text };
      i = j + 2;
    } else literal += template[i++];
  }
  if (literal !== '') parts[parts.length] = literal;
  return parts;
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

function trim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  let out = '';
  for (let i = start; i < end; i++) out += text[i];
  return out;
}

/** The reply for `request`, or why it cannot be made (the request is not JSON, or lacks a field the template names). */
export function fillTemplate(ops: JsonOps, parts: readonly TemplatePart[], request: string): { text: string } | string {
  let parsed: { value: unknown } | null = null;
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    if (part.path.length === 0) {
      out += request;
      continue;
    }
    if (parsed === null) {
      try {
        parsed = { value: ops.parse(request) };
      } catch {
        return `the template copies {{${part.text}}} but the request is not JSON`;
      }
    }
    const at = getJsonPath(ops, parsed.value, part.path);
    if (!at.found) return `the template copies {{${part.text}}} but the request has no such field`;
    out += jsonText(ops, at.value);
  }
  return { text: out };
}
