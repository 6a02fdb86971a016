/**
 * Small binary payloads are copied into one buffer per batch (the batch's `pack`) instead of each becoming an
 * ArrayBuffer of its own that is then transferred: for 100,000 payloads of 64 B that is 101–147 ms against
 * 314–573 ms (bench/PERFORMANCE.md). The copy is made when the payload is captured (the page may change its
 * buffer afterwards); the channel takes the arena when it posts a batch and keeps it until the relay
 * acknowledges the batch, so a final hand-over still has the bytes.
 */
import { LIMITS } from '../shared/limits';
import type { PackedBytes } from '../shared/page-link';
import type { Natives } from './natives';

/** Payloads up to this many bytes are packed; larger ones get their own buffer, transferred. */
export const PACK_MAX = 64 * 1024;
/** An arena grows up to this; past it payloads get their own buffer (before the relay connects, nothing is posted). */
const ARENA_CAP = LIMITS.pagePackBytes;
/**
 * The smallest arena: a socket with one message per task posts a batch per message, and each arena is a new zeroed
 * buffer whose size also counts towards V8's next garbage collection. An arena doubles as it fills.
 */
const MIN_SIZE = 2 * 1024;

/** A new arena is as large as the last batch needed (a power of two), so that steady traffic does not grow each one. */
const sizeFor = (used: number): number => {
  let size = MIN_SIZE;
  while (size < used && size < PACK_MAX) size *= 2;
  return size;
};

/** One batch's packed bytes. `buffer` is replaced by a larger copy as it fills; offsets stay valid. */
export interface Arena {
  buffer: ArrayBuffer;
  bytes: Uint8Array;
  used: number;
}

export interface Packer {
  /** Copies `length` bytes of `buffer` from `offset` into the current arena; null when they do not fit. */
  pack(buffer: ArrayBuffer, offset: number, length: number): { place: PackedBytes; arena: Arena } | null;
  /** The arena being filled, if any. */
  current(): Arena | null;
  /** Ends the current arena (it goes with the batch being posted): the next payload starts a new one. */
  take(): Arena | null;
}

export function createPacker(n: Natives): Packer {
  let arena: Arena | null = null;
  let nextSize = MIN_SIZE;
  const allocate = (size: number): Arena => {
    const buffer = new n.ArrayBuffer(size);
    return { buffer, bytes: new n.Uint8Array(buffer), used: 0 };
  };
  const grow = (a: Arena, need: number) => {
    let size = n.apply(n.abByteLength, a.buffer, []) as number;
    while (size < need) size *= 2;
    const bigger = allocate(size);
    n.apply(n.taSet, bigger.bytes, [a.bytes]);
    a.buffer = bigger.buffer;
    a.bytes = bigger.bytes;
  };
  return {
    pack(buffer, offset, length) {
      const a = arena ?? allocate(nextSize);
      const end = a.used + length;
      if (end > ARENA_CAP) return null;
      arena = a;
      if (end > a.bytes.length) grow(a, end);
      n.apply(n.taSet, a.bytes, [new n.Uint8Array(buffer, offset, length), a.used]);
      const place: PackedBytes = { p: a.used, n: length };
      a.used = end;
      return { place, arena: a };
    },
    current: () => arena,
    take() {
      const a = arena;
      arena = null;
      if (a) nextSize = sizeFor(a.used);
      return a;
    },
  };
}
