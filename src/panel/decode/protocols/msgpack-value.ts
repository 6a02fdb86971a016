/**
 * One MessagePack value decoded with @msgpack/msgpack, bounded by the input: no declared length may
 * exceed the bytes that could hold it, and the result is refused past MAX_DEPTH (the library decodes
 * with its own stack, so depth cannot overflow ours). Shared by the MessagePack and SignalR decoders.
 */
import { Decoder } from '@msgpack/msgpack';
import { errorText } from './binary-text';
import { toPlainData } from './structured-value';

/** Map keys that are not strings or numbers become readable text (the library only builds objects). */
function readableKey(key: unknown): string | number {
  if (typeof key === 'string' || typeof key === 'number') return key;
  if (typeof key === 'bigint') return `${key}n`;
  if (key instanceof Uint8Array) return `bytes ${Array.from(key.subarray(0, 32), (b) => b.toString(16).padStart(2, '0')).join(' ')}`;
  try {
    return JSON.stringify(key, (_, value) => (typeof value === 'bigint' ? `${value}n` : value)) ?? String(key);
  } catch {
    return String(key);
  }
}

function decoderFor(bytes: Uint8Array): Decoder {
  const most = bytes.length;
  return new Decoder({
    useBigInt64: true,
    mapKeyConverter: readableKey,
    maxStrLength: most,
    maxBinLength: most,
    maxExtLength: most,
    maxArrayLength: most,
    maxMapLength: Math.floor(most / 2),
  });
}

/** The library reads past the end through a DataView, whose RangeError says nothing about MessagePack. */
const READ_PAST_END = /outside the bounds of the DataView|Insufficient data/i;
const explain = (error: unknown): string => {
  const text = errorText(error);
  return READ_PAST_END.test(text) ? 'the data ends inside a value (truncated, or a declared length past the end)' : text;
};

export type MsgpackRead = { ok: true; value: unknown; plain: unknown } | { ok: false; error: string };

/** Decodes exactly one value that fills `bytes` (trailing bytes are an error). */
export function readMsgpack(bytes: Uint8Array): MsgpackRead {
  try {
    const value = decoderFor(bytes).decode(bytes);
    return { ok: true, value, plain: toPlainData(value) };
  } catch (error) {
    return { ok: false, error: explain(error) };
  }
}

/** What the first byte of a cut-off value tells: `map 3 keys`, `array 5`, or nothing. */
export function msgpackShape(bytes: Uint8Array): string | undefined {
  const first = bytes[0];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = (width: 2 | 4): number | undefined =>
    bytes.length > width ? (width === 2 ? view.getUint16(1) : view.getUint32(1)) : undefined;
  let map: number | undefined;
  let array: number | undefined;
  if (first >= 0x80 && first <= 0x8f) map = first & 0x0f;
  else if (first >= 0x90 && first <= 0x9f) array = first & 0x0f;
  else if (first === 0xdc || first === 0xdd) array = size(first === 0xdc ? 2 : 4);
  else if (first === 0xde || first === 0xdf) map = size(first === 0xde ? 2 : 4);
  if (map !== undefined) return `map ${map} keys`;
  if (array !== undefined) return `array ${array}`;
  return undefined;
}
