/**
 * What a payload can be shown as: its text (or binary decoded as strict UTF-8), its JSON tree, its
 * bytes and base64, and which view opens first. Pure, so that the choices are unit-tested.
 */
import { base64ToBytes, bytesToBase64, decodeUtf8Strict, utf8Length } from '../../shared/codec';
import { looksLikeJson } from './json/detect';
import { type ParseResult, parseJson } from './json/parse';
import { isNestedJson } from './json/tree';

export type ViewId = 'text' | 'json' | 'hex' | 'base64';

export const VIEW_LABELS: Record<ViewId, string> = { text: 'Text', json: 'JSON', hex: 'Hex', base64: 'Base64' };

/** Larger texts are not parsed as JSON (the page keeps at most 1 MiB, so this only bounds imports). */
const MAX_JSON_CHARS = 16 << 20;

export interface PayloadModel {
  binary: boolean;
  /** The text; for binary, its strict UTF-8 decoding, or null when the bytes are not valid UTF-8. */
  text: string | null;
  /** Set when the text was parsed as JSON: it parses, or it looks like JSON (then the error is shown). */
  json: ParseResult | null;
  views: ViewId[];
  initial: ViewId;
  /** A problem with the payload itself, such as binary that arrived as invalid base64. */
  problem?: string;
  bytes(): Uint8Array;
  base64(): string;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what make binary unreadable as text
const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The first character could begin a JSON value (object, array, string, number, true, false, null). */
const JSON_START = /^[ \t\n\r]*[[{"\-0-9tfn]/;

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}

function jsonOf(text: string | null): ParseResult | null {
  if (text === null || text.length > MAX_JSON_CHARS || !JSON_START.test(text)) return null;
  const result = parseJson(text);
  return result.ok || looksLikeJson(text) ? result : null;
}

/** JSON opens first when it is a document (object or array, even invalid) or a string holding JSON. */
function prefersJson(text: string, json: ParseResult | null): boolean {
  if (!json) return false;
  if (looksLikeJson(text)) return true;
  return json.ok && isNestedJson(json.root);
}

export function describePayload(body: { text: string } | { base64: string }): PayloadModel {
  if ('text' in body) {
    const text = body.text;
    const json = jsonOf(text);
    const bytes = lazy(() => new TextEncoder().encode(text));
    return {
      binary: false,
      text,
      json,
      views: json ? ['text', 'json', 'hex'] : ['text', 'hex'],
      initial: prefersJson(text, json) ? 'json' : 'text',
      bytes,
      base64: lazy(() => bytesToBase64(bytes())),
    };
  }
  const decoded = base64ToBytes(body.base64);
  const bytes = decoded ?? new Uint8Array(0);
  const text = decoded ? decodeUtf8Strict(decoded) : null;
  const json = jsonOf(text);
  const views: ViewId[] = [];
  if (text !== null) views.push('text');
  if (json) views.push('json');
  views.push('hex', 'base64');
  let initial: ViewId = 'hex';
  if (text !== null && prefersJson(text, json)) initial = 'json';
  else if (text !== null && text.length > 0 && !UNPRINTABLE.test(text)) initial = 'text';
  return {
    binary: true,
    text,
    json,
    views,
    initial,
    problem: decoded ? undefined : 'The binary payload arrived as invalid base64; only its raw text is shown.',
    bytes: () => bytes,
    base64: () => body.base64,
  };
}

/** Exact byte count of a body without decoding it: UTF-8 length of text, decoded length of base64. */
export function bodyByteLength(body: { text: string } | { base64: string }): number {
  if ('text' in body) return utf8Length(body.text);
  const clean = body.base64.replace(/\s+/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - pad);
}
