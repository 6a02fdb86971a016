/** Pure conversions between payload representations, shared by the relay, the panel and export. */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/** Bytes per String.fromCharCode call: well under every engine's limit on arguments. */
const LATIN1_CHUNK = 0x2000;

/**
 * `Uint8Array.prototype.toBase64` (Chromium 140+, Firefox 133+): about 3.5 times faster than the Latin-1 path here.
 * Read at the first call, not when the module loads: the page hook bundles this module too, and a read at load would
 * stay in its bundle (a bundler keeps property reads, which could run a getter) and run on every page.
 */
let nativeToBase64: ((this: Uint8Array) => string) | undefined | null = null;

/**
 * Standard base64 with padding: the relay encodes a preview for every binary message. Through the browser's own
 * `toBase64` where it has one; otherwise (and if it refuses the bytes) through `latin1Base64`.
 */
export function bytesToBase64(bytes: Uint8Array): string {
  if (nativeToBase64 === null) nativeToBase64 = (Uint8Array.prototype as { toBase64?: (this: Uint8Array) => string }).toBase64;
  if (nativeToBase64) {
    try {
      return Reflect.apply(nativeToBase64, bytes, []) as string;
    } catch {
      // e.g. bytes of another realm that a content script may not read this way: the portable path below
    }
  }
  return latin1Base64(bytes);
}

/**
 * The bytes become a Latin-1 string a chunk at a time and the native btoa encodes it: a loop of `+=` left a tree of
 * ~20 concatenated strings per 64 B preview in the relay's log (the page's garbage collector was 10 % of P1 64 B
 * binary; bench/PERFORMANCE.md, session 9).
 */
export function latin1Base64(bytes: Uint8Array): string {
  let latin1 = '';
  for (let i = 0; i < bytes.length; i += LATIN1_CHUNK) {
    // A new view, not subarray(): subarray looks up the bytes' `constructor`, which Firefox ESR 140 refuses to a
    // content script when the bytes came from the page ("Permission denied to access property").
    const chunk = new Uint8Array(bytes.buffer, bytes.byteOffset + i, Math.min(LATIN1_CHUNK, bytes.length - i));
    latin1 += Reflect.apply(String.fromCharCode, null, chunk) as string;
  }
  return btoa(latin1);
}

/** Decodes standard base64 (whitespace ignored); returns null for anything else. */
export function base64ToBytes(text: string): Uint8Array | null {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 4 !== 0) return null;
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((clean.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const c = clean.charCodeAt(i + j);
      const v = c === 61 && i + j >= clean.length - pad ? 0 : c < 128 ? B64_INDEX[c] : -1;
      if (v < 0) return null;
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/** Exact UTF-8 length of a string as a WebSocket sends it: a lone surrogate becomes U+FFFD (3 bytes). */
export function utf8Length(text: string): number {
  // Most payloads are ASCII: the regex engine checks that about four times faster than the loop below.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range is the point
  if (/^[\x00-\x7f]*$/.test(text)) return text.length;
  return utf8BytesFrom(0, text.length, (i) => text.charCodeAt(i));
}

/**
 * UTF-8 bytes of UTF-16 units `start`..`length` read through `at`, plus `start` (units before it are ASCII). The
 * page hook reads through a saved `charCodeAt`, since a page may replace the built-in (src/page/long-text.ts).
 */
export function utf8BytesFrom(start: number, length: number, at: (i: number) => number): number {
  let bytes = start;
  for (let i = start; i < length; i++) {
    const c = at(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < length) {
      const d = at(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

export function bytesToHex(bytes: Uint8Array, separator = ' '): string {
  const out: string[] = new Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i].toString(16).padStart(2, '0');
  return out.join(separator);
}

/** Parses hex such as "de ad be ef" or "0xDEADBEEF"; returns null when it is not whole bytes of hex. */
export function hexToBytes(text: string): Uint8Array | null {
  const clean = text.replace(/0x/gi, '').replace(/[\s,:]+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-f]/i.test(clean)) return null;
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Decodes UTF-8 strictly; returns null when the bytes are not valid UTF-8 (so binary is shown as hex). */
export function decodeUtf8Strict(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
