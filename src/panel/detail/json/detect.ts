/** Cheap checks that decide whether a payload is offered as JSON, before any parsing. */

/** Index of the first character that is not JSON whitespace, or -1. */
function firstSignificant(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return i;
  }
  return -1;
}

/** True when the text starts (after whitespace) like an object or an array: such text is shown as JSON, or flagged as invalid JSON. */
export function looksLikeJson(text: string): boolean {
  const i = firstSignificant(text);
  return i !== -1 && (text[i] === '{' || text[i] === '[');
}

/** True for a JSON string literal ("…"), which may hold double-encoded JSON. */
export function looksLikeJsonString(text: string): boolean {
  const i = firstSignificant(text);
  return i !== -1 && text[i] === '"';
}
