/**
 * A JavaScript string literal for any string, in printable ASCII only: quotes and backslashes are
 * escaped, and everything else outside printable ASCII (control characters, NUL, U+2028/2029, lone
 * surrogates, all non-ASCII) becomes a \uXXXX escape, which reproduces the exact UTF-16 code unit.
 * `<` is escaped too, so that "</script>" or "<!--" never appears if the script is pasted into HTML.
 * Backticks and "${" need nothing: they mean nothing inside a double-quoted literal.
 */

const UNSAFE = /[^\x20-\x21\x23-\x3b\x3d-\x5b\x5d-\x7e]/g;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

const escapeUnit = (char: string): string => {
  const unit = char.charCodeAt(0);
  return `\\u${HEX[unit >> 8]}${HEX[unit & 255]}`;
};

export function jsString(text: string): string {
  return `"${text.replace(UNSAFE, escapeUnit)}"`;
}
