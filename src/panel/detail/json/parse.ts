/**
 * An iterative JSON parser for captured payloads. It differs from JSON.parse on purpose:
 * - it never recurses, so a payload nested 100 000 deep cannot overflow the stack;
 * - numbers keep their source token, so 12345678901234567890 is shown exactly as sent;
 * - duplicate keys are kept in order, because a debugger should show what was really sent;
 * - errors carry the offset, line and column where parsing stopped.
 */

export type JsonNode =
  | { type: 'object'; keys: string[]; children: JsonNode[] }
  | { type: 'array'; children: JsonNode[] }
  /** `text` is the decoded string for strings and the source token for numbers, booleans and null. */
  | { type: 'string' | 'number' | 'boolean' | 'null'; text: string };

export type JsonContainer = Extract<JsonNode, { children: JsonNode[] }>;

export interface JsonError {
  message: string;
  /** 0-based offset in UTF-16 units. */
  offset: number;
  line: number;
  column: number;
}

export type ParseResult = { ok: true; root: JsonNode } | { ok: false; error: JsonError };

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: raw control characters are invalid inside JSON strings
const PLAIN_RUN = /[^"\\\u0000-\u001f]*/y;
const WHITESPACE = /[ \t\n\r]*/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const LITERALS: Record<string, 'boolean' | 'null'> = { true: 'boolean', false: 'boolean', null: 'null' };

class Failure {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

export function locate(text: string, offset: number): JsonError {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { message: '', offset, line, column: offset - lineStart + 1 };
}

function describe(text: string, at: number): string {
  return at >= text.length ? 'Unexpected end of input' : `Unexpected character ${JSON.stringify(text[at])}`;
}

function skip(text: string, at: number): number {
  WHITESPACE.lastIndex = at;
  WHITESPACE.test(text);
  return WHITESPACE.lastIndex;
}

/** Reads the string starting at the opening quote; returns its value and the offset after the closing quote. */
function readString(text: string, start: number): [string, number] {
  const parts: string[] = [];
  let at = start + 1;
  for (;;) {
    PLAIN_RUN.lastIndex = at;
    PLAIN_RUN.test(text);
    if (PLAIN_RUN.lastIndex > at) parts.push(text.slice(at, PLAIN_RUN.lastIndex));
    at = PLAIN_RUN.lastIndex;
    const c = text[at];
    if (c === '"') return [parts.join(''), at + 1];
    if (c === undefined) throw new Failure('Unterminated string', at);
    if (c !== '\\') throw new Failure('Control character in string', at);
    const e = text[at + 1];
    if (e === 'u') {
      const hex = text.slice(at + 2, at + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Failure('Invalid \\u escape', at);
      parts.push(String.fromCharCode(Number.parseInt(hex, 16)));
      at += 6;
    } else if (e !== undefined && Object.hasOwn(ESCAPES, e)) {
      parts.push(ESCAPES[e]);
      at += 2;
    } else throw new Failure('Invalid escape in string', at);
  }
}

/** Reads one scalar, or opens a container (returned without children yet). */
function readValue(text: string, at: number): [JsonNode, number] {
  const c = text[at];
  if (c === '{') return [{ type: 'object', keys: [], children: [] }, at + 1];
  if (c === '[') return [{ type: 'array', children: [] }, at + 1];
  if (c === '"') {
    const [value, end] = readString(text, at);
    return [{ type: 'string', text: value }, end];
  }
  NUMBER.lastIndex = at;
  if (NUMBER.test(text)) return [{ type: 'number', text: text.slice(at, NUMBER.lastIndex) }, NUMBER.lastIndex];
  for (const word in LITERALS) {
    if (text.startsWith(word, at)) return [{ type: LITERALS[word], text: word }, at + word.length];
  }
  throw new Failure(describe(text, at), at);
}

export function parseJson(text: string): ParseResult {
  try {
    return { ok: true, root: parseOrThrow(text) };
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    return { ok: false, error: { ...locate(text, error.offset), message: error.message } };
  }
}

function parseOrThrow(text: string): JsonNode {
  const stack: JsonContainer[] = [];
  let root: JsonNode | null = null;
  let at = skip(text, 0);
  // Each turn reads one value (after a key, for objects), then closes any containers that end after it.
  for (;;) {
    const parent = stack.at(-1);
    if (parent?.type === 'object') {
      if (text[at] !== '"') throw new Failure(`${describe(text, at)}: expected a string key`, at);
      const [key, afterKey] = readString(text, at);
      at = skip(text, afterKey);
      if (text[at] !== ':') throw new Failure(`${describe(text, at)}: expected ':'`, at);
      at = skip(text, at + 1);
      parent.keys.push(key);
    }
    const [node, end] = readValue(text, at);
    at = skip(text, end);
    if (parent) parent.children.push(node);
    else root = node;
    if (node.type === 'object' || node.type === 'array') {
      const close = node.type === 'object' ? '}' : ']';
      if (text[at] !== close) {
        stack.push(node);
        continue;
      }
      at = skip(text, at + 1);
    }
    // After a complete value: a comma continues its container, a bracket closes it.
    for (;;) {
      const open = stack.at(-1);
      if (!open) {
        if (at < text.length) throw new Failure(`${describe(text, at)} after the JSON value`, at);
        return root!;
      }
      const close = open.type === 'object' ? '}' : ']';
      if (text[at] === ',') {
        at = skip(text, at + 1);
        break;
      }
      if (text[at] !== close) throw new Failure(`${describe(text, at)}: expected ',' or '${close}'`, at);
      stack.pop();
      at = skip(text, at + 1);
    }
  }
}
