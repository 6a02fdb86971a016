/**
 * A private copy of a send's payload, for a frame that waits: the native send copies the bytes when it is
 * called, so a page that reuses its buffer after send() must not change what goes later. Strings and Blobs
 * cannot change. Null for what the native send would refuse (it then decides, at once).
 */
import type { Natives } from '../natives';

export function copyPayload(n: Natives, data: unknown): unknown {
  if (typeof data === 'string') return data;
  if (typeof data !== 'object' || data === null) return null;
  try {
    if (n.apply(n.isView, null, [data])) {
      let buffer: ArrayBuffer;
      let offset: number;
      let length: number;
      try {
        buffer = n.apply(n.taBuffer, data, []);
        offset = n.apply(n.taByteOffset, data, []);
        length = n.apply(n.taByteLength, data, []);
      } catch {
        buffer = n.apply(n.dvBuffer, data, []);
        offset = n.apply(n.dvByteOffset, data, []);
        length = n.apply(n.dvByteLength, data, []);
      }
      return n.apply(n.abSlice, buffer, [offset, offset + length]);
    }
    try {
      n.apply(n.abByteLength, data, []);
      return n.apply(n.abSlice, data, [0]);
    } catch {
      n.apply(n.blobSize, data, []); // throws unless a Blob
      return data;
    }
  } catch {
    return null;
  }
}
