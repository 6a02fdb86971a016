/**
 * Small pieces the text-protocol decoders share: bounded names for summaries, a JSON parse that never
 * throws, the caps every decoder keeps, and the result builders.
 */
import type { DecodedMessage, DecodeResult, Frame, ProtocolId } from '../types';

/** Longest name, id or topic kept in a summary or a field: enough to read, never a whole payload. */
export const MAX_NAME = 120;
/** Messages decoded from one frame (SockJS arrays, SignalR records, JSON-RPC batches, STOMP frames); the rest are counted. */
export const MAX_MESSAGES = 1000;
/** Content detection parses frames up to this size only, so sniffing 20 frames stays cheap. */
export const SNIFF_JSON_CHARS = 64 * 1024;
/** What a cut-off preview is searched in by the bounded prefix patterns. */
export const PREFIX_CHARS = 4096;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Control characters (newlines, NUL, the 0x1E separator) as one space each, so a summary stays one line. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what a one-line summary replaces
const CONTROL = /[\u0000-\u001f\u007f]/g;

/**
 * Complete frames longer than this are decoded from their start, like a preview: parsing megabytes of JSON
 * would stall the panel to show a name and an id. The page hook keeps at most 1 MiB of a payload
 * (LIMITS.pagePayloadCap), so only imported logs come near it.
 */
export const MAX_DECODE_CHARS = 4 * 1024 * 1024;

/** At most `max` characters of `text` on one line, with `…` when cut. */
export function clip(text: string, max = MAX_NAME): string {
  const head = text.length > max ? `${text.slice(0, max)}…` : text;
  return head.replace(CONTROL, ' ');
}

/** A string or finite number as short text (ids, names); anything else is undefined. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return clip(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * A parsed JSON value named for an error message without walking it: JSON.stringify or String() of a
 * 100,000-deep array would overflow the stack.
 */
export function shortJson(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  return clip(JSON.stringify(value) ?? String(value), 40);
}

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

/** JSON.parse that reports instead of throwing (a syntax error, or a stack overflow on absurd nesting). */
export function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The parsed frame for content detection, or undefined when it is binary, too large to sniff, or not JSON. */
export function sniffJson(frame: Frame, opener: '{' | '[' | '{['): unknown {
  const text = frame.text;
  if (text === undefined || !frame.complete || text.length > SNIFF_JSON_CHARS) return undefined;
  const first = text.trimStart()[0];
  if (first === undefined || !opener.includes(first)) return undefined;
  const parsed = parseJson(text);
  return parsed.ok ? parsed.value : undefined;
}

/** The frame to decode: a text past MAX_DECODE_CHARS becomes a preview of its first PREFIX_CHARS. */
export function withinCap(frame: Frame): Frame {
  const text = frame.text;
  return text !== undefined && text.length > MAX_DECODE_CHARS
    ? { dir: frame.dir, text: text.slice(0, PREFIX_CHARS), complete: false }
    : frame;
}

export const failure = (protocol: ProtocolId, error: string): DecodeResult => ({ ok: false, protocol, error });

export function success(protocol: ProtocolId, messages: DecodedMessage[], partial = false): DecodeResult {
  return partial ? { ok: true, protocol, messages, partial: true } : { ok: true, protocol, messages };
}

/** A last message saying how many were left undecoded, so a capped frame never looks complete. */
export function moreMessages(count: number): DecodedMessage {
  return { summary: `… ${count} more not decoded`, fields: {}, body: { notDecoded: count } };
}

/** The text of a JSON string literal's contents as cut from a prefix (`a\"b`), or undefined if the cut broke an escape. */
export function unescapeJsonString(inner: string): string | undefined {
  const parsed = parseJson(`"${inner}"`);
  return parsed.ok && typeof parsed.value === 'string' ? parsed.value : undefined;
}
