/**
 * The type and name of the operation a GraphQL document runs, found by a bounded scan of its top level
 * (comments, fragments and strings skipped), never by parsing the whole document.
 */

export interface Operation {
  type: 'query' | 'mutation' | 'subscription';
  name?: string;
}

/** Characters of a document scanned; operations sit near the top, after a few fragments at most. */
const SCAN_CHARS = 64 * 1024;
const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,119}$/;
const OPERATION_TYPES = new Set(['query', 'mutation', 'subscription']);

const isNameStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isNameChar = (c: string) => isNameStart(c) || (c >= '0' && c <= '9');

/** Where the ignored characters (white space, commas, BOM, `#` comments) that start at `at` end. */
function skipIgnored(text: string, at: number): number {
  let i = at;
  while (i < text.length) {
    const c = text[i];
    if (c === '#') {
      const lf = text.indexOf('\n', i);
      i = lf < 0 ? text.length : lf + 1;
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ',' || c === '\ufeff') i += 1;
    else break;
  }
  return i;
}

/** Where the string (`"…"` or `"""…"""`) starting at `at` ends. */
function skipString(text: string, at: number): number {
  if (text.startsWith('"""', at)) {
    const end = text.indexOf('"""', at + 3);
    return end < 0 ? text.length : end + 3;
  }
  let i = at + 1;
  while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

/**
 * Where the definition whose selection set starts at or after `at` ends: past its closing brace. Braces
 * inside parentheses (an object default value of a variable) are not the selection set.
 */
function skipDefinition(text: string, at: number): number {
  let depth = 0;
  let parens = 0;
  let i = at;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') i = skipString(text, i);
    else if (c === '#') i = skipIgnored(text, i);
    else {
      if (c === '(') parens += 1;
      else if (c === ')') parens = Math.max(0, parens - 1);
      else if (c === '{' && parens === 0) depth += 1;
      else if (c === '}' && parens === 0) {
        depth -= 1;
        if (depth === 0) return i + 1;
      }
      i += 1;
    }
  }
  return text.length;
}

function readName(text: string, at: number): { name: string; next: number } {
  let i = at;
  while (i < text.length && isNameChar(text[i])) i += 1;
  return { name: text.slice(at, i), next: i };
}

/** The first operation of the document, or the one called `operationName` when it is given. */
export function operationOf(query: string, operationName?: unknown): Operation | undefined {
  const text = query.slice(0, SCAN_CHARS);
  const wanted = typeof operationName === 'string' && NAME.test(operationName) ? operationName : undefined;
  let i = skipIgnored(text, 0);
  while (i < text.length) {
    if (text[i] === '{') return wanted ? undefined : { type: 'query' };
    if (!isNameStart(text[i])) return undefined;
    const keyword = readName(text, i);
    if (OPERATION_TYPES.has(keyword.name)) {
      const type = keyword.name as Operation['type'];
      const at = skipIgnored(text, keyword.next);
      const name = isNameStart(text[at] ?? '') ? readName(text, at).name : undefined;
      if (!wanted || name === wanted) return name ? { type, name: name.slice(0, 120) } : { type };
    }
    // A fragment, or an operation other than the wanted one: skip it whole.
    i = skipIgnored(text, skipDefinition(text, keyword.next));
  }
  return undefined;
}
