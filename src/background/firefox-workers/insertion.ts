/**
 * Where the worker hook goes in a worker script, decided on the script's first bytes (pure; unit-tested): after a
 * UTF-8 byte order mark, a `#!` line and the directive prologue (`"use strict";`), so that the script's
 * strictness and every line number stay as they were. Only what can be read for sure is rewritten: anything
 * else says why it is left as it was.
 */
export type Insertion = { at: number } | { skip: string } | { more: true };

const SPACE = new Set([0x20, 0x09, 0x0a, 0x0d, 0x0b, 0x0c]);
const LINE_END = new Set([0x0a, 0x0d]);
const [SLASH, STAR, HASH, BANG, BACKSLASH, SEMICOLON] = [0x2f, 0x2a, 0x23, 0x21, 0x5c, 0x3b];
const QUOTES = new Set([0x22, 0x27]);

/**
 * `bytes` is the script's head; `complete` says whether it is the whole script (else more may come, and
 * `{more: true}` asks for it). `cap` is how much head is read at most before giving up.
 */
export function insertionPoint(bytes: Uint8Array, complete: boolean, cap: number): Insertion {
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) return { skip: 'a UTF-16 script' };
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (bytes[i] === HASH && bytes[i + 1] === BANG) {
    // The hook goes at the start of the next line: on the #! line it would be part of that comment.
    while (i < bytes.length && !LINE_END.has(bytes[i])) i++;
    if (i >= bytes.length) return complete ? { at: i } : { more: true };
    i += bytes[i] === 0x0d && bytes[i + 1] === 0x0a ? 2 : 1;
  }
  let at = i;
  const outOfBytes = (): Insertion => {
    if (complete) return { at };
    return bytes.length >= cap ? { skip: `no first statement in its first ${cap} bytes` } : { more: true };
  };
  for (;;) {
    while (i < bytes.length && SPACE.has(bytes[i])) i++;
    if (i >= bytes.length) return outOfBytes();
    if (bytes[i] === SLASH && bytes[i + 1] === SLASH) {
      while (i < bytes.length && !LINE_END.has(bytes[i])) i++;
      continue;
    }
    if (bytes[i] === SLASH && bytes[i + 1] === STAR) {
      const end = indexOfCommentEnd(bytes, i + 2);
      if (end < 0) return complete ? { skip: 'an unterminated comment' } : outOfBytes();
      i = end;
      continue;
    }
    if (bytes[i] >= 0x80) return { skip: 'characters other than ASCII before its first statement' };
    if (!QUOTES.has(bytes[i])) return { at };
    // A string literal at the start of a statement: a directive, if a semicolon ends it on its line.
    const end = stringEnd(bytes, i);
    if (end === 'more') return complete ? { skip: 'an unterminated string' } : outOfBytes();
    if (end === 'bad') return { skip: 'a string broken across lines in its prologue' };
    i = end;
    while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09)) i++;
    if (i >= bytes.length) return complete ? { skip: 'a prologue without a semicolon' } : outOfBytes();
    // Without its semicolon, a directive ends by the next line's first token: not worth guessing.
    if (bytes[i] !== SEMICOLON) return { skip: 'a directive prologue without semicolons' };
    i++;
    at = i;
  }
}

function indexOfCommentEnd(bytes: Uint8Array, from: number): number {
  for (let i = from; i + 1 < bytes.length; i++) if (bytes[i] === STAR && bytes[i + 1] === SLASH) return i + 2;
  return -1;
}

/** The index after the string literal opened at `start`, 'more' when the bytes end first, 'bad' at a raw line end. */
function stringEnd(bytes: Uint8Array, start: number): number | 'more' | 'bad' {
  const quote = bytes[start];
  for (let i = start + 1; i < bytes.length; i++) {
    if (bytes[i] === BACKSLASH) i++;
    else if (bytes[i] === quote) return i + 1;
    else if (LINE_END.has(bytes[i])) return 'bad';
  }
  return 'more';
}

/** JavaScript MIME essences (the WHATWG MIME Sniffing list): a worker script with any other type fails to load anyway. */
const JAVASCRIPT_TYPES = new Set([
  'application/ecmascript',
  'application/javascript',
  'application/x-ecmascript',
  'application/x-javascript',
  'text/ecmascript',
  'text/javascript',
  'text/javascript1.0',
  'text/javascript1.1',
  'text/javascript1.2',
  'text/javascript1.3',
  'text/javascript1.4',
  'text/javascript1.5',
  'text/jscript',
  'text/livescript',
  'text/x-ecmascript',
  'text/x-javascript',
]);

export const isJavaScript = (contentType: string | undefined): boolean =>
  contentType !== undefined && JAVASCRIPT_TYPES.has(contentType.split(';')[0].trim().toLowerCase());
