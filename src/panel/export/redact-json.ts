/**
 * JSON-aware masking of a text payload. A small iterative scanner (no recursion: hostile nesting
 * cannot overflow the stack) finds the value tokens of sensitive keys and replaces each with
 * "[REDACTED]", editing the text in place so that formatting and every other byte stay as they were
 * and valid JSON stays valid. Previews cut mid-document are handled: the scan stops at the cut and
 * the unscanned tail still gets the free-text rules.
 */
import { isSensitiveKey, isSensitiveNumberKey } from './redact-keys';
import { NO_EXTRA, type Redacted, type RedactOptions, redactText, VALUE_MASK } from './redact-text';

interface Context {
  object: boolean;
  /** String leaves are masked (a sensitive key, or inside a sensitive container). */
  strings: boolean;
  /** Number leaves are masked too (not for counts such as `prompt_tokens`). */
  numbers: boolean;
}

const MASKED_STRING = JSON.stringify(VALUE_MASK);
const LITERAL = /-?\d[\d.eE+-]*|true|false|null/y;

class Stop extends Error {}

/** Index just past the closing quote of the string starting at `start`, or -1 when the text ends first. */
function stringEnd(src: string, start: number): number {
  for (let i = start + 1; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i + 1;
  }
  return -1;
}

function decodeKey(raw: string): string {
  if (!raw.includes('\\')) return raw.slice(1, -1);
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1);
  }
}

export function redactJson(src: string, from: number, options: RedactOptions = NO_EXTRA): Redacted {
  const edits: { start: number; end: number; text: string }[] = [];
  let count = 0;
  let pos = from;
  const stack: Context[] = [];
  let expectKey = false;
  let next: Context = { object: false, strings: false, numbers: false };

  const ws = () => {
    for (let c = src.charCodeAt(pos); c === 32 || c === 10 || c === 13 || c === 9; c = src.charCodeAt(pos)) pos++;
  };
  const onString = (start: number, end: number, ctx: Context) => {
    const inner = src.slice(start + 1, end - 1);
    if (ctx.strings) {
      if (inner === '' || inner === VALUE_MASK) return;
      edits.push({ start, end, text: MASKED_STRING });
      count++;
      return;
    }
    const r = redactText(inner, options);
    if (r.count === 0) return;
    let valid = true;
    try {
      JSON.parse(`"${r.text}"`);
    } catch {
      valid = false;
    }
    // A user pattern that cut an escape sequence would break the JSON: mask the whole string instead.
    edits.push({ start, end, text: valid ? `"${r.text}"` : MASKED_STRING });
    count += r.count;
  };
  // After a value: a separator, a closing bracket, or the end of one top-level document.
  const afterValue = () => {
    for (;;) {
      ws();
      const top = stack.at(-1);
      if (!top) return;
      const c = src[pos];
      if (c === undefined) throw new Stop();
      if (c === ',') {
        pos++;
        if (top.object) expectKey = true;
        else next = { ...top, object: false };
        return;
      }
      if (c !== (top.object ? '}' : ']')) throw new Stop();
      pos++;
      stack.pop();
    }
  };

  let stoppedAt = src.length;
  try {
    for (;;) {
      ws();
      if (pos >= src.length) break;
      const top = stack.at(-1);
      const c = src[pos];
      if (top?.object && expectKey) {
        if (c === '}') {
          pos++;
          stack.pop();
          expectKey = false;
          afterValue();
          continue;
        }
        const end = c === '"' ? stringEnd(src, pos) : -1;
        if (end < 0) throw new Stop();
        const key = decodeKey(src.slice(pos, end));
        pos = end;
        ws();
        if (src[pos] !== ':') throw new Stop();
        pos++;
        expectKey = false;
        next = { object: false, strings: top.strings || isSensitiveKey(key), numbers: top.numbers || isSensitiveNumberKey(key) };
        continue;
      }
      const ctx = next;
      next = top && !top.object ? { ...top, object: false } : { object: false, strings: false, numbers: false };
      if (c === '{' || c === '[') {
        pos++;
        stack.push({ ...ctx, object: c === '{' });
        expectKey = c === '{';
        if (c === '[') {
          next = { ...ctx, object: false };
          ws();
          if (src[pos] === ']') {
            pos++;
            stack.pop();
            afterValue();
          }
        }
        continue;
      }
      if (c === '"') {
        const end = stringEnd(src, pos);
        if (end < 0) {
          // Cut inside a string: a sensitive one is masked to the end of the preview.
          if (ctx.strings) {
            edits.push({ start: pos, end: src.length, text: MASKED_STRING.slice(0, -1) });
            count++;
            stoppedAt = src.length;
            break;
          }
          throw new Stop();
        }
        onString(pos, end, ctx);
        pos = end;
        afterValue();
        continue;
      }
      LITERAL.lastIndex = pos;
      const m = LITERAL.exec(src);
      if (!m) throw new Stop();
      if (ctx.numbers && m[0] !== 'null' && m[0] !== 'true' && m[0] !== 'false') {
        edits.push({ start: pos, end: pos + m[0].length, text: MASKED_STRING });
        count++;
      }
      pos += m[0].length;
      afterValue();
    }
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    stoppedAt = pos;
  }

  let out = '';
  let last = 0;
  for (const edit of edits) {
    out += src.slice(last, edit.start) + edit.text;
    last = edit.end;
  }
  const tail = stoppedAt < src.length ? redactText(src.slice(Math.max(last, stoppedAt)), options) : null;
  if (tail) {
    out += src.slice(last, Math.max(last, stoppedAt)) + tail.text;
    count += tail.count;
  } else out += src.slice(last);
  return { text: out, count };
}

/** A text payload: JSON (also after a Socket.IO-style numeric prefix such as `42[…]`) or free text. */
export function redactPayload(text: string, options: RedactOptions = NO_EXTRA): Redacted {
  const start = /^\s*[[{"]/.test(text) ? 0 : /^\d+[[{]/.test(text) ? text.search(/[[{]/) : -1;
  return start < 0 ? redactText(text, options) : redactJson(text, start, options);
}
