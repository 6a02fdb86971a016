/**
 * MessagePack and CBOR values as the Decoded tab's plain data, and their one-line summary. The walk is
 * bounded by MAX_DEPTH, so a hostile 1e5-deep value is refused instead of overflowing the stack.
 */
import { ExtData } from '@msgpack/msgpack';
import { Tagged } from 'cborg';
import type { DecodedMessage } from '../types';

/** Deeper values are refused: no real message nests this deep, and the tree could not show it anyway. */
export const MAX_DEPTH = 256;
const NAME_KEYS = ['type', 'event', 'action', 'op', 'cmd'] as const;
const MAX_NAME = 120;

export class TooDeepError extends Error {
  constructor() {
    super(`nested deeper than ${MAX_DEPTH} levels`);
  }
}

type Record_ = Record<string, unknown>;

function setKey(target: Record_, key: string, value: unknown): void {
  // `__proto__` must become an own key, not replace the object's prototype.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function plainMap(entries: Iterable<[unknown, unknown]>, depth: number): unknown {
  const pairs = [...entries];
  if (pairs.every(([key]) => typeof key === 'string')) {
    const out: Record_ = {};
    for (const [key, value] of pairs) setKey(out, key as string, toPlainData(value, depth + 1));
    return out;
  }
  // Keys that are numbers, arrays or maps cannot be object keys without losing their type: keep the pairs.
  return pairs.map(([key, value]) => [toPlainData(key, depth + 1), toPlainData(value, depth + 1)]);
}

/** The libraries' wrappers for what JSON has no word for: CBOR tags and MessagePack extension types. */
function wrapped(value: object): { tag: number; value: unknown } | { extension: number; data: Uint8Array } | undefined {
  if (value instanceof Tagged) return { tag: value.tag, value: value.value };
  if (value instanceof ExtData) return { extension: value.type, data: value.data instanceof Uint8Array ? value.data : new Uint8Array(0) };
  return undefined;
}

/**
 * Converts a decoded value to plain data: Maps with string keys become objects, other Maps lists of
 * [key, value] pairs; bytes are copied (never a view of the frame); bigint is kept; dates become ISO text.
 * Throws TooDeepError past MAX_DEPTH.
 */
export function toPlainData(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new TooDeepError();
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (Array.isArray(value)) return value.map((item) => toPlainData(item, depth + 1));
  if (value instanceof Map) return plainMap(value.entries(), depth);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  const special = wrapped(value);
  if (special) return toPlainData(special, depth);
  return plainMap(Object.entries(value), depth);
}

function nameOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array) return undefined;
  for (const key of NAME_KEYS) {
    const name = (value as Record_)[key];
    if (typeof name === 'string' && Object.hasOwn(value, key)) return name.slice(0, MAX_NAME);
  }
  return undefined;
}

function shapeOf(value: unknown): string {
  if (value instanceof Map) return `map ${value.size} keys`;
  if (Array.isArray(value)) return `array ${value.length}`;
  if (value instanceof Uint8Array) return `bytes ${value.length}`;
  if (typeof value === 'object' && value !== null) return `map ${Object.keys(value).length} keys`;
  if (typeof value === 'string') return JSON.stringify(value.slice(0, MAX_NAME));
  return String(value);
}

/**
 * One message for a whole value: summary `map 3 keys`, `array 5`, or the value's `type` field. The shape
 * is read from the decoded value (a Map with number keys is still a map), the name from its plain form.
 */
export function describeValue(decoded: unknown, plain: unknown): DecodedMessage {
  const name = nameOf(plain);
  return { summary: name ?? shapeOf(decoded), fields: name === undefined ? {} : { type: name }, body: plain };
}
