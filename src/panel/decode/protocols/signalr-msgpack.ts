/**
 * SignalR's MessagePack hub protocol: binary frames hold records, each a VarInt length then a MessagePack
 * array `[type, headers, invocationId, …]`. The handshake is JSON ending in 0x1E: sent by the client as
 * text, answered by the server in a binary frame that may carry the first records after it.
 */
import type { DecodedMessage, DecodeResult, Decoder, Frame } from '../types';
import { errorText, MAX_MESSAGES_PER_FRAME } from './binary-text';
import { readMsgpack } from './msgpack-value';
import { HUB_MESSAGE_NAMES, type HubMessage, handshakeMessage, hubMessage } from './signalr-hub-message';

const RECORD_SEPARATOR = 0x1e;
const OPEN_BRACE = 0x7b;
/** The protocol caps a record at 2 GB, so its length takes at most five VarInt bytes. */
const MAX_LENGTH_BYTES = 5;

type Step<T> = { ok: true; value: T } | { ok: false; error: string };

function readLength(bytes: Uint8Array, at: number): { length: number; next: number } | undefined {
  let length = 0;
  for (let index = 0; index < MAX_LENGTH_BYTES && at + index < bytes.length; index++) {
    const byte = bytes[at + index];
    length += (byte & 0x7f) * 2 ** (7 * index);
    if ((byte & 0x80) === 0) return { length, next: at + index + 1 };
  }
  return undefined;
}

const optionalId = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The array's fields by the hub protocol's names; the shape of each type as the specification gives it. */
function hubFromArray(value: unknown): Step<HubMessage> {
  if (!Array.isArray(value) || typeof value[0] !== 'number') return { ok: false, error: 'a record is not a [type, …] array' };
  const [type, headers, id] = value;
  const invocation = (): Step<HubMessage> =>
    typeof value[3] === 'string' && Array.isArray(value[4])
      ? { ok: true, value: { type, headers, invocationId: optionalId(id), target: value[3], arguments: value[4], streamIds: value[5] } }
      : { ok: false, error: `${HUB_MESSAGE_NAMES[type]} without a target and arguments` };
  switch (type) {
    case 1:
    case 4:
      return invocation();
    case 2:
      return { ok: true, value: { type, headers, invocationId: optionalId(id), item: value[3] } };
    case 3: {
      const kind = value[3];
      if (kind === 1) return { ok: true, value: { type, headers, invocationId: optionalId(id), error: String(value[4]) } };
      if (kind === 2) return { ok: true, value: { type, headers, invocationId: optionalId(id) } };
      if (kind === 3) return { ok: true, value: { type, headers, invocationId: optionalId(id), result: value[4] } };
      return { ok: false, error: `completion with result kind ${String(kind)}` };
    }
    case 5:
      return { ok: true, value: { type, headers, invocationId: optionalId(id) } };
    case 6:
      return { ok: true, value: { type } };
    case 7:
      return {
        ok: true,
        value: { type, error: typeof value[1] === 'string' ? value[1] : undefined, allowReconnect: value[2] === true },
      };
    case 8:
    case 9:
      return { ok: true, value: { type, sequenceId: value[1] } };
    default:
      return { ok: false, error: `unknown message type ${type}` };
  }
}

/** A hub message's fields without the ones it does not carry, so the Decoded tab shows only what was sent. */
function present(message: HubMessage): HubMessage {
  return Object.fromEntries(Object.entries(message).filter(([, value]) => value !== undefined)) as unknown as HubMessage;
}

/** What a cut record's first bytes tell: its type, when the array's first element is already there. */
function cutRecord(bytes: Uint8Array): DecodedMessage {
  const header = bytes[0];
  const type = header >= 0x90 && header <= 0x9f ? bytes[1] : undefined;
  const name = type === undefined ? undefined : HUB_MESSAGE_NAMES[type];
  return { summary: `${name ?? 'record'} (cut)`, fields: name ? { type: name } : {}, body: { cut: true } };
}

function readRecords(bytes: Uint8Array, from: number, complete: boolean, dir: Frame['dir']): Step<DecodedMessage[]> {
  const messages: DecodedMessage[] = [];
  let at = from;
  while (at < bytes.length) {
    if (messages.length === MAX_MESSAGES_PER_FRAME) return { ok: false, error: `more than ${MAX_MESSAGES_PER_FRAME} records in one frame` };
    const header = readLength(bytes, at);
    if (!header) {
      if (!complete) break;
      return { ok: false, error: `a record length at byte ${at} is not a valid VarInt` };
    }
    const end = header.next + header.length;
    if (end > bytes.length) {
      if (!complete) {
        messages.push(cutRecord(bytes.subarray(header.next)));
        break;
      }
      return { ok: false, error: `a record declares ${header.length} bytes but ${bytes.length - header.next} remain` };
    }
    const read = readMsgpack(bytes.subarray(header.next, end));
    if (!read.ok) return { ok: false, error: `record at byte ${at}: ${read.error}` };
    const hub = hubFromArray(read.plain);
    if (!hub.ok) return hub;
    messages.push(hubMessage(present(hub.value), dir));
    at = end;
  }
  return { ok: true, value: messages };
}

/** A handshake request names its protocol; its answer is `{}` or carries only an error (older servers add minorVersion). */
const RESPONSE_KEYS = new Set(['error', 'minorVersion']);

function parseHandshake(text: string): Step<DecodedMessage> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `handshake: ${errorText(error)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, error: 'the handshake is not a JSON object' };
  const record = value as Record<string, unknown>;
  if (typeof record.protocol !== 'string' && !Object.keys(record).every((key) => RESPONSE_KEYS.has(key)))
    return { ok: false, error: 'JSON text that is not a handshake (hub messages travel in binary frames)' };
  return { ok: true, value: handshakeMessage(record) };
}

function decodeText(text: string): DecodeResult {
  const records = text.split('\u001e');
  if (records.at(-1) === '') records.pop();
  if (records.length === 0) return { ok: false, protocol: 'signalr-msgpack', error: 'an empty text frame' };
  const messages: DecodedMessage[] = [];
  for (const record of records) {
    const handshake = parseHandshake(record);
    if (!handshake.ok) return { ok: false, protocol: 'signalr-msgpack', error: handshake.error };
    messages.push(handshake.value);
  }
  return { ok: true, protocol: 'signalr-msgpack', messages };
}

function decodeBinary(bytes: Uint8Array, complete: boolean, dir: Frame['dir']): DecodeResult {
  const messages: DecodedMessage[] = [];
  let from = 0;
  const separator = bytes[0] === OPEN_BRACE ? bytes.indexOf(RECORD_SEPARATOR) : -1;
  if (separator > 0) {
    const handshake = parseHandshake(new TextDecoder().decode(bytes.subarray(0, separator)));
    if (!handshake.ok) return { ok: false, protocol: 'signalr-msgpack', error: handshake.error };
    messages.push(handshake.value);
    from = separator + 1;
  }
  const records = readRecords(bytes, from, complete, dir);
  if (!records.ok) return { ok: false, protocol: 'signalr-msgpack', error: records.error };
  messages.push(...records.value);
  if (messages.length === 0) return { ok: false, protocol: 'signalr-msgpack', error: 'no record in the frame' };
  return complete
    ? { ok: true, protocol: 'signalr-msgpack', messages }
    : { ok: true, protocol: 'signalr-msgpack', messages, partial: true };
}

const HANDSHAKE = /^\s*\{\s*"protocol"\s*:\s*"messagepack"/;

export const signalrMsgpack: Decoder = {
  id: 'signalr-msgpack',
  label: 'SignalR (MessagePack)',
  // The client's handshake names the protocol; binary frames must be nothing but well-formed hub records.
  sniff(frame) {
    if (frame.text !== undefined) return HANDSHAKE.test(frame.text);
    if (!frame.bytes || !frame.complete || frame.bytes.length < 2) return false;
    const result = decodeBinary(frame.bytes, true, frame.dir);
    return result.ok && result.messages.some((message) => message.fields.type !== 'handshake');
  },
  decode(frame) {
    if (frame.text !== undefined) return decodeText(frame.text);
    if (!frame.bytes || frame.bytes.length === 0) return { ok: false, protocol: 'signalr-msgpack', error: 'an empty frame' };
    return decodeBinary(frame.bytes, frame.complete, frame.dir);
  },
};
