/**
 * CBOR in any binary frame, decoded with cborg. cborg's decoder recurses once per nesting level, so the
 * frame's tokens are first walked with cborg's own tokenizer (no recursion) to refuse values nested
 * deeper than MAX_DEPTH and to collect the tags to keep as `{tag, value}`.
 */
import { decode as decodeCbor, Tagged, Tokenizer, Type } from 'cborg';
import type { Decoder } from '../types';
import { errorText } from './binary-text';
import { describeValue, MAX_DEPTH, TooDeepError, toPlainData } from './structured-value';

const PREFIX = /^CBOR decode error: /;
/** cborg's own defaults for decode, given to the tokenizer too so both read the same values (bigint included). */
const READ_OPTIONS = { allowIndefinite: true, allowUndefined: true, allowBigInt: true, strict: false };

/** Walks the first value's tokens; throws TooDeepError or cborg's error. Returns the tag numbers seen. */
function scanFirstValue(bytes: Uint8Array): number[] {
  const tokens = new Tokenizer(bytes, READ_OPTIONS);
  // Items still expected by each open array, map or tag (Infinity for indefinite lengths).
  const open: number[] = [];
  const tags = new Set<number>();
  while (!tokens.done()) {
    const token = tokens.next();
    if (Type.equals(token.type, Type.break)) {
      if (open.at(-1) !== Infinity) throw new Error('unexpected break');
      open.pop();
    } else {
      if (open.length > 0) open[open.length - 1]--;
      const count = Number(token.value);
      if (Type.equals(token.type, Type.array)) open.push(count);
      else if (Type.equals(token.type, Type.map)) open.push(count * 2);
      else if (Type.equals(token.type, Type.tag)) {
        open.push(1);
        if (Number.isSafeInteger(count)) tags.add(count);
      }
      if (open.length > MAX_DEPTH) throw new TooDeepError();
    }
    while (open.length > 0 && open.at(-1) === 0) open.pop();
    if (open.length === 0) break;
  }
  return [...tags];
}

type CborRead = { ok: true; value: unknown; plain: unknown } | { ok: false; error: string };

function readCbor(bytes: Uint8Array): CborRead {
  try {
    const tags = scanFirstValue(bytes);
    const value = decodeCbor(bytes, { ...READ_OPTIONS, useMaps: true, tags: Tagged.preserve(...tags) });
    return { ok: true, value, plain: toPlainData(value) };
  } catch (error) {
    return { ok: false, error: errorText(error).replace(PREFIX, '') };
  }
}

/** The first token of a cut-off value: `map 3 keys`, `array 5`, or nothing. */
function cborShape(bytes: Uint8Array): string | undefined {
  try {
    const token = new Tokenizer(bytes, READ_OPTIONS).next();
    if (Type.equals(token.type, Type.map)) return `map ${token.value} keys`;
    if (Type.equals(token.type, Type.array)) return `array ${token.value}`;
  } catch {
    // The first token itself is cut: nothing to tell.
  }
  return undefined;
}

const isContainer = (value: unknown): boolean => value instanceof Map || Array.isArray(value);

export const cbor: Decoder = {
  id: 'cbor',
  label: 'CBOR',
  subprotocols: ['cbor'],
  // Conservative: a whole frame that is exactly one map or array.
  sniff(frame) {
    if (!frame.bytes || !frame.complete || frame.bytes.length < 2) return false;
    const read = readCbor(frame.bytes);
    return read.ok && isContainer(read.value);
  },
  decode(frame) {
    if (!frame.bytes) return { ok: false, protocol: 'cbor', error: 'a text frame, not CBOR bytes' };
    if (frame.bytes.length === 0) return { ok: false, protocol: 'cbor', error: 'an empty frame' };
    if (!frame.complete) {
      const shape = cborShape(frame.bytes);
      if (!shape) return { ok: false, protocol: 'cbor', error: 'only the start of the frame is loaded' };
      return { ok: true, protocol: 'cbor', partial: true, messages: [{ summary: shape, fields: {}, body: null }] };
    }
    const read = readCbor(frame.bytes);
    if (!read.ok) return { ok: false, protocol: 'cbor', error: read.error };
    return { ok: true, protocol: 'cbor', messages: [describeValue(read.value, read.plain)] };
  },
};
