/** Small binary payloads packed into one buffer per batch: captured at once, carried whole by the port and by a final hand-over. */
import { describe, expect, it } from 'vitest';
import { readHandover, reviveEvent } from '../../../src/content/final-handover';
import { toWire } from '../../../src/content/to-wire';
import { unpack } from '../../../src/content/unpack';
import { serializeFinal } from '../../../src/page/final-flush';
import { createPacker, PACK_MAX } from '../../../src/page/pack';
import { snapshot } from '../../../src/page/payload';
import { LIMITS } from '../../../src/shared/limits';
import type { PackedBytes, PageEvent } from '../../../src/shared/page-link';
import { tupleOf } from '../shared/page-event-tuples';
import { testNatives } from './fixtures';
import { pageNatives } from './natives-fixture';

const n = testNatives({ Uint8Array });
const msg = (data: PackedBytes | ArrayBuffer, t = 1): PageEvent => ({
  k: 'msg',
  id: 1,
  t,
  dir: 'recv',
  data,
});
const bytesOf = (data: unknown) => [...new Uint8Array(data as ArrayBuffer)];

describe('packing small binary payloads', () => {
  it('copies each payload when captured, so a page that reuses its buffer changes nothing', () => {
    const packer = createPacker(n);
    const page = new Uint8Array([1, 2, 3, 4]);
    const first = snapshot(n, page.subarray(1, 3), packer);
    page.set([9, 9, 9, 9]);
    const second = snapshot(n, page, packer);
    expect(first?.data).toEqual({ p: 0, n: 2 });
    expect(second?.data).toEqual({ p: 2, n: 4 });
    expect(first?.transfer).toBeUndefined();
    const arena = packer.take();
    expect(first?.arena).toBe(arena);
    expect(arena?.used).toBe(6);
    expect(bytesOf(arena?.buffer.slice(0, 6))).toEqual([2, 3, 9, 9, 9, 9]);
    expect(packer.current()).toBeNull();
  });

  it('grows the arena past its first size without moving earlier payloads', () => {
    const packer = createPacker(n);
    const places = [];
    for (let i = 0; i < 5; i++) places.push(snapshot(n, new Uint8Array(PACK_MAX).fill(i + 1), packer)?.data as PackedBytes);
    const arena = packer.take();
    expect(arena?.used).toBe(5 * PACK_MAX);
    const pack = arena?.buffer.slice(0, arena.used) ?? null;
    places.forEach((place, i) => {
      const out = unpack(msg(place), pack);
      expect(new Uint8Array(out.k === 'msg' ? (out.data as ArrayBuffer) : new ArrayBuffer(0)).every((b) => b === i + 1)).toBe(true);
    });
  });

  it('starts each batch’s arena as large as the last batch needed, within 2 KiB and 64 KiB', () => {
    const packer = createPacker(n);
    const arenaAfter = (bytes: number[]) => {
      for (const size of bytes) snapshot(n, new Uint8Array(size), packer);
      return packer.take()?.buffer.byteLength;
    };
    expect(arenaAfter([100])).toBe(2048);
    expect(arenaAfter([3000])).toBe(4096); // grew from 2 KiB
    expect(arenaAfter([100])).toBe(4096); // started at what the last batch needed
    expect(arenaAfter([100])).toBe(2048);
    expect(arenaAfter([PACK_MAX, PACK_MAX])).toBe(2 * PACK_MAX); // grew past 64 KiB for this batch only
    expect(arenaAfter([10])).toBe(PACK_MAX);
  });

  it('gives a large payload its own buffer to transfer, and keeps Blobs as Blobs', () => {
    const packer = createPacker(n);
    const large = snapshot(n, new Uint8Array(PACK_MAX + 1), packer);
    expect(large?.data).toBeInstanceOf(ArrayBuffer);
    expect(large?.transfer).toBe(large?.data);
    const blob = new Blob(['b']);
    expect(snapshot(n, blob, packer)?.data).toBe(blob);
    expect(packer.current()).toBeNull();
  });

  it('the relay copies each payload out of its batch’s pack, and rejects a place outside it', () => {
    const pack = new Uint8Array([5, 6, 7]).buffer;
    const out = unpack(msg({ p: 1, n: 2 }), pack);
    expect(out.k === 'msg' && bytesOf(out.data)).toEqual([6, 7]);
    expect(() => unpack(msg({ p: 2, n: 2 }), pack)).toThrow('outside its batch');
    expect(() => unpack(msg({ p: 0, n: 1 }), null)).toThrow('outside its batch');
    expect(unpack({ k: 'fault', t: 1, message: 'm' }, null)).toEqual({ k: 'fault', t: 1, message: 'm' });
  });

  it('the relay keeps only a packed payload longer than its preview, as a copy of its own bytes, not the whole pack', () => {
    const pack = new Uint8Array(4096).map((_, i) => i & 255).buffer;
    const short = toWire(unpack(msg({ p: 10, n: 3 }), pack));
    expect(short?.event).toMatchObject({ binary: true, size: 3, preview: btoa('\x0a\x0b\x0c'), complete: true });
    expect(short?.body).toBeUndefined();
    const long = toWire(unpack(msg({ p: 100, n: LIMITS.previewBytes + 1 }), pack));
    expect(long?.event).toMatchObject({ binary: true, size: LIMITS.previewBytes + 1, complete: false });
    expect(long?.body).toBeInstanceOf(ArrayBuffer);
    expect((long?.body as ArrayBuffer | undefined)?.byteLength).toBe(LIMITS.previewBytes + 1);
    expect(bytesOf(long?.body).slice(0, 3)).toEqual([100, 101, 102]);
  });

  it('a final hand-over carries the bytes of packed payloads, in flight and not yet posted', () => {
    const packer = createPacker(n);
    const inFlight = snapshot(n, new Uint8Array([1, 2]), packer);
    const posted = { b: 3, events: [tupleOf(msg(inFlight?.data as PackedBytes))], arena: packer.take() };
    const waiting = snapshot(n, new Uint8Array([3, 4, 5]), packer);
    const token = '00112233445566778899aabbccddeeff';
    const read = readHandover(
      serializeFinal(pageNatives, token, [posted], [tupleOf(msg(waiting?.data as PackedBytes, 2))], packer.current()),
      token,
    );
    expect(read.posted[0].events.map(reviveEvent).map((e) => e.k === 'msg' && bytesOf(e.data))).toEqual([[1, 2]]);
    expect(read.queue.map(reviveEvent).map((e) => e.k === 'msg' && bytesOf(e.data))).toEqual([[3, 4, 5]]);
  });
});
