/** MessagePack in any binary frame: the decoded value, summarised by its shape or its `type` field. */
import type { Decoder } from '../types';
import { msgpackShape, readMsgpack } from './msgpack-value';
import { describeValue } from './structured-value';

const isContainer = (value: unknown): boolean => typeof value === 'object' && value !== null && !(value instanceof Uint8Array);

export const msgpack: Decoder = {
  id: 'msgpack',
  label: 'MessagePack',
  subprotocols: ['msgpack', 'messagepack'],
  // Conservative: a whole frame that is exactly one map or array (single bytes are valid MessagePack too).
  sniff(frame) {
    if (!frame.bytes || !frame.complete || frame.bytes.length < 2) return false;
    const read = readMsgpack(frame.bytes);
    return read.ok && isContainer(read.value);
  },
  decode(frame) {
    if (!frame.bytes) return { ok: false, protocol: 'msgpack', error: 'a text frame, not MessagePack bytes' };
    if (frame.bytes.length === 0) return { ok: false, protocol: 'msgpack', error: 'an empty frame' };
    if (!frame.complete) {
      const shape = msgpackShape(frame.bytes);
      if (!shape) return { ok: false, protocol: 'msgpack', error: 'only the start of the frame is loaded' };
      return { ok: true, protocol: 'msgpack', partial: true, messages: [{ summary: shape, fields: {}, body: null }] };
    }
    const read = readMsgpack(frame.bytes);
    if (!read.ok) return { ok: false, protocol: 'msgpack', error: read.error };
    return { ok: true, protocol: 'msgpack', messages: [describeValue(read.value, read.plain)] };
  },
};
