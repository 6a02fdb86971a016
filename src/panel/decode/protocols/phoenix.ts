/**
 * Phoenix channels: v1 objects `{topic, event, payload, ref, join_ref}`, v2 arrays
 * `[join_ref, ref, topic, event, payload]`, and v2's binary frames (a kind byte, the field sizes, the
 * fields, then the payload bytes). Heartbeats go to the `phoenix` topic; a `phx_reply` answers the message
 * sent with the same ref.
 */
import type { DecodedMessage, DecodeResult, Decoder, Frame } from '../types';
import { clip, failure, isRecord, PREFIX_CHARS, parseJson, scalarText, sniffJson, success, withinCap } from './text-common';

interface PhoenixMessage {
  join_ref: unknown;
  ref: unknown;
  topic: string;
  event: string;
  payload: unknown;
}

function fromValue(value: unknown): PhoenixMessage | string {
  if (Array.isArray(value)) {
    if (value.length !== 5) return 'a v2 message is an array of 5: [join_ref, ref, topic, event, payload]';
    const [join_ref, ref, topic, event, payload] = value;
    if (typeof topic !== 'string' || typeof event !== 'string') return 'topic and event must be strings';
    return { join_ref, ref, topic, event, payload };
  }
  if (!isRecord(value)) return 'a message is a v1 object or a v2 array';
  if (typeof value.topic !== 'string' || typeof value.event !== 'string') return 'topic and event must be strings';
  return { join_ref: value.join_ref ?? null, ref: value.ref ?? null, topic: value.topic, event: value.event, payload: value.payload };
}

function describe(message: PhoenixMessage, dir: Frame['dir']): DecodedMessage {
  const { topic, event, payload } = message;
  const ref = scalarText(message.ref);
  const decoded: DecodedMessage = { summary: '', fields: { type: event, event: clip(event), topic: clip(topic) }, body: message };
  if (ref !== undefined) decoded.fields.id = ref;
  if (topic === 'phoenix') decoded.heartbeat = true;
  if (event === 'phx_reply') {
    const status = isRecord(payload) && typeof payload.status === 'string' ? clip(payload.status) : '?';
    decoded.summary = `phx_reply ${status} ${clip(topic)}`;
    if (ref !== undefined && dir === 'recv') {
      decoded.pair = { key: `phx:${ref}`, role: 'response', ...(status === 'error' ? { error: true } : {}) };
    }
  } else {
    decoded.summary = topic === 'phoenix' && event === 'heartbeat' ? 'heartbeat' : `${clip(event)} ${clip(topic)}`;
    if (ref !== undefined && dir === 'send') decoded.pair = { key: `phx:${ref}`, role: 'request', name: clip(event) };
  }
  return decoded;
}

/** The v2 binary frames: kind 0 push (a client's has a ref, a server's has none), 1 reply, 2 broadcast. */
function decodeBinary(bytes: Uint8Array, dir: Frame['dir']): DecodeResult {
  const kind = bytes[0];
  const sizeCount = kind === 0 ? (dir === 'send' ? 4 : 3) : kind === 1 ? 4 : kind === 2 ? 2 : -1;
  if (sizeCount < 0) return failure('phoenix', `unknown binary message kind ${kind ?? '(empty frame)'}`);
  const sizes = Array.from(bytes.subarray(1, 1 + sizeCount));
  const headerEnd = 1 + sizeCount + sizes.reduce((sum, size) => sum + size, 0);
  if (sizes.length < sizeCount || headerEnd > bytes.length) return failure('phoenix', 'the binary header is longer than the frame');
  const text = new TextDecoder();
  let at = 1 + sizeCount;
  const fields = sizes.map((size) => {
    const field = text.decode(bytes.subarray(at, at + size));
    at += size;
    return field;
  });
  const data = bytes.subarray(headerEnd);
  let message: PhoenixMessage;
  if (kind === 2) message = { join_ref: null, ref: null, topic: fields[0], event: fields[1], payload: data };
  else if (kind === 1)
    message = { join_ref: fields[0], ref: fields[1], topic: fields[2], event: 'phx_reply', payload: { status: fields[3], response: data } };
  else if (sizeCount === 4) message = { join_ref: fields[0], ref: fields[1], topic: fields[2], event: fields[3], payload: data };
  else message = { join_ref: fields[0], ref: null, topic: fields[1], event: fields[2], payload: data };
  return success('phoenix', [describe(message, dir)]);
}

/** A v2 array cut off in its payload still shows its refs, topic and event. */
function fromPrefix(text: string, dir: Frame['dir']): DecodeResult {
  const str = '(?:null|"([^"\\\\]{0,120})")';
  const found = new RegExp(`^\\s*\\[\\s*${str}\\s*,\\s*${str}\\s*,\\s*"([^"\\\\]{1,200})"\\s*,\\s*"([^"\\\\]{1,200})"\\s*,`).exec(
    text.slice(0, PREFIX_CHARS),
  );
  if (!found) return failure('phoenix', 'the preview does not show the topic and event');
  const [, joinRef, ref, topic, event] = found;
  const message = { join_ref: joinRef ?? null, ref: ref ?? null, topic, event, payload: undefined };
  return success('phoenix', [describe(message, dir)], true);
}

export const phoenix: Decoder = {
  id: 'phoenix',
  label: 'Phoenix channels',
  // The socket's transport path ends in /websocket; v2 clients say `vsn=2.0.0`.
  url: /\/socket\/websocket(?:[?#]|$)|\/websocket\?(?:[^#]*&)?vsn=[12]\./,
  sniff(frame) {
    const value = sniffJson(frame, '{[');
    const message = value === undefined ? undefined : fromValue(value);
    if (message === undefined || typeof message === 'string') return false;
    // v1 objects must carry a ref key too, so that `{topic, event}` app JSON is not taken for Phoenix.
    return Array.isArray(value) || (isRecord(value) && Object.hasOwn(value, 'ref') && Object.hasOwn(value, 'payload'));
  },
  decode(input) {
    const frame = withinCap(input);
    if (frame.bytes !== undefined) {
      const result = decodeBinary(frame.bytes, frame.dir);
      // A preview usually holds the whole header (refs, topic and event are short); the payload is what it cuts.
      return result.ok && !frame.complete ? { ...result, partial: true } : result;
    }
    if (frame.text === undefined) return failure('phoenix', 'the frame has no payload');
    if (!frame.complete) return fromPrefix(frame.text, frame.dir);
    const parsed = parseJson(frame.text);
    if (!parsed.ok) return failure('phoenix', parsed.error);
    const message = fromValue(parsed.value);
    return typeof message === 'string' ? failure('phoenix', message) : success('phoenix', [describe(message, frame.dir)]);
  },
};
