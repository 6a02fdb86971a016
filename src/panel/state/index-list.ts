/**
 * Appends row indices to a filter's result without copying it: during a burst, visibleRows grows with
 * every batch, and a new array each time copied all 200,000 indices so far per batch (P2's panel
 * profile, issue #17). The result is a view of a buffer that doubles; the views handed out before stay
 * valid, since only the part past their end is ever written.
 *
 * `list` must be the latest result of this function (or a fresh array): appending twice to one list
 * would write both additions into the same place.
 */
export function appendIndices(list: Uint32Array, added: Uint32Array, offset: number): Uint32Array {
  const length = list.length + added.length;
  let buffer = new Uint32Array(list.buffer, 0, list.buffer.byteLength >> 2);
  if (list.byteOffset !== 0 || buffer.length < length) {
    buffer = new Uint32Array(Math.max(1024, length * 2));
    buffer.set(list);
  }
  for (let i = 0; i < added.length; i++) buffer[list.length + i] = added[i] + offset;
  return buffer.subarray(0, length);
}
