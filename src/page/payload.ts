/**
 * Turns a payload the page sent or received into something the relay can own: strings as they are,
 * binary as a private copy (the page keeps its buffer; small ones are packed into the batch's buffer,
 * pack.ts, larger ones get their own, transferred, never copied again), Blobs by reference. Payloads over the cap are cut, with their exact size and an FNV-1a hash kept.
 */
import { LIMITS } from '../shared/limits';
import type { PackedBytes } from '../shared/page-link';
import type { Natives } from './natives';
import { type Arena, PACK_MAX, type Packer } from './pack';

export interface Snapshot {
  /** Small binary payloads are a place in `arena` (see pack.ts). */
  data: string | ArrayBuffer | Blob | PackedBytes;
  /**
   * The exact size of the whole payload (UTF-16 units → UTF-8 bytes for text), set when `data` was cut, and for a
   * long text sent, as the browser counted it (method-proxies.ts). Otherwise measured later, off the page's path.
   */
  size: number | undefined;
  hash: string | undefined;
  transfer: ArrayBuffer | undefined;
  arena: Arena | undefined;
}

// Every field is an own property, even when undefined: reading a missing one would walk up to
// Object.prototype, where a page may have put getters.
const snap = (data: Snapshot['data'], transfer?: ArrayBuffer, size?: number, hash?: string, arena?: Arena): Snapshot => ({
  data,
  transfer,
  size,
  hash,
  arena,
});

const CAP = LIMITS.pagePayloadCap;
const HEX = '0123456789abcdef';

// Written with operators only: Math.imul and Number.prototype.toString belong to the page after load.
const fnvStep = (h: number, c: number): number => {
  const x = (h ^ c) >>> 0;
  return (x + (x << 1) + (x << 4) + (x << 7) + (x << 8) + (x << 24)) >>> 0;
};

const hex32 = (h: number): string => {
  let out = '';
  for (let shift = 28; shift >= 0; shift -= 4) out += HEX[(h >>> shift) & 15];
  return out;
};

/** FNV-1a over UTF-16 units, and the exact UTF-8 length (lone surrogates count as U+FFFD, 3 bytes, as the socket sends them). */
function measureText(n: Natives, s: string): { bytes: number; hash: string } {
  // Bound once: a Reflect.apply per character would allocate an argument array per character.
  const at = n.apply(n.bind, n.charCodeAt, [s]) as (i: number) => number;
  let h = 0x811c9dc5;
  let bytes = 0;
  const len = s.length;
  for (let i = 0; i < len; i++) {
    const c = at(i);
    h = fnvStep(h, c);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const d = at(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        h = fnvStep(h, d);
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return { bytes, hash: hex32(h) };
}

function hashBytes(bytes: Uint8Array, length: number): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < length; i++) h = fnvStep(h, bytes[i]);
  return hex32(h);
}

function copyBytes(n: Natives, buffer: ArrayBuffer, offset: number, length: number, packer?: Packer): Snapshot {
  if (packer && length <= PACK_MAX) {
    const packed = packer.pack(buffer, offset, length);
    if (packed) return snap(packed.place, undefined, undefined, undefined, packed.arena);
  }
  const keep = length < CAP ? length : CAP;
  const copy = n.apply(n.abSlice, buffer, [offset, offset + keep]) as ArrayBuffer;
  if (keep === length) return snap(copy, copy);
  const whole = new n.Uint8Array(buffer, offset, length);
  return snap(copy, copy, length, hashBytes(whole, length));
}

/** Returns null for values that are not WebSocket payload types. */
export function snapshot(n: Natives, value: unknown, packer?: Packer): Snapshot | null {
  if (typeof value === 'string') {
    if (value.length <= CAP) return snap(value);
    const { bytes, hash } = measureText(n, value);
    return snap(n.apply(n.stringSlice, value, [0, CAP]) as string, undefined, bytes, hash);
  }
  if (typeof value !== 'object' || value === null) return null;
  if (n.apply(n.isView, null, [value])) {
    try {
      return copyBytes(n, n.apply(n.taBuffer, value, []), n.apply(n.taByteOffset, value, []), n.apply(n.taByteLength, value, []), packer);
    } catch {
      return copyBytes(n, n.apply(n.dvBuffer, value, []), n.apply(n.dvByteOffset, value, []), n.apply(n.dvByteLength, value, []), packer);
    }
  }
  try {
    const length = n.apply(n.abByteLength, value, []);
    return copyBytes(n, value as ArrayBuffer, 0, length, packer);
  } catch {
    // not an ArrayBuffer
  }
  try {
    n.apply(n.blobSize, value, []); // throws unless value is a Blob
    // A Blob is posted by reference; the relay reads and trims it off the page's hot path.
    return snap(value as Blob);
  } catch {
    return null;
  }
}
