import { describe, expect, it } from 'vitest';
import { appendIndices } from '../../../src/panel/state/index-list';

const list = (...values: number[]) => Uint32Array.from(values);

describe('appendIndices', () => {
  it('adds the new indices, shifted by the offset of the rows they were found in', () => {
    expect([...appendIndices(list(0, 2), list(0, 3), 5)]).toEqual([0, 2, 5, 8]);
  });

  it('appends in place while the buffer has room, and leaves earlier results as they were', () => {
    const first = appendIndices(list(1), list(0), 4);
    const second = appendIndices(first, list(1, 2), 10);
    expect(second.buffer).toBe(first.buffer);
    expect([...first]).toEqual([1, 4]);
    expect([...second]).toEqual([1, 4, 11, 12]);
  });

  it('moves to a buffer twice as large when the list outgrows it', () => {
    const full = new Uint32Array(1024).map((_, i) => i); // a filter's first result: its buffer has no room left
    const grown = appendIndices(full, list(0), 1024);
    expect(grown.length).toBe(1025);
    expect(grown.buffer.byteLength).toBe(2050 * 4);
    expect(grown[1024]).toBe(1024);
    expect(grown[1023]).toBe(1023);
  });

  it('copies a list that is a view into the middle of some other buffer instead of writing over it', () => {
    const other = list(7, 8, 9, 10);
    const middle = other.subarray(1, 2);
    const out = appendIndices(middle, list(0), 3);
    expect([...out]).toEqual([8, 3]);
    expect([...other]).toEqual([7, 8, 9, 10]);
  });

  it('adds nothing to an empty addition', () => {
    expect([...appendIndices(list(3), list(), 9)]).toEqual([3]);
  });
});
