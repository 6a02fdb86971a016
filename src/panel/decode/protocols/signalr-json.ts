/**
 * The SignalR JSON hub protocol: JSON records, each ended by the record separator 0x1E, several per frame.
 * The first record each way is the handshake (`{"protocol":"json","version":1}`, answered by `{}` or
 * `{"error":…}`); then messages by numeric `type`: 1 Invocation, 2 StreamItem, 3 Completion,
 * 4 StreamInvocation, 5 CancelInvocation, 6 Ping, 7 Close (8 Ack, 9 Sequence with stateful reconnect).
 */
import type { DecodedMessage, DecodeResult, Decoder, Frame, PairHint } from '../types';
import {
  clip,
  failure,
  isRecord,
  MAX_MESSAGES,
  moreMessages,
  PREFIX_CHARS,
  parseJson,
  scalarText,
  shortJson,
  sniffJson,
  success,
  withinCap,
} from './text-common';

const SEPARATOR = '\u001e';
const TYPES: Record<number, string> = {
  1: 'invoke',
  2: 'item',
  3: 'completion',
  4: 'stream',
  5: 'cancel',
  6: 'ping',
  7: 'close',
  8: 'ack',
  9: 'sequence',
};

const other = (dir: Frame['dir']) => (dir === 'send' ? 'recv' : 'send');

function handshake(record: Record<string, unknown>, dir: Frame['dir']): DecodedMessage | string {
  if (typeof record.protocol === 'string') {
    const version = scalarText(record.version) ?? '?';
    const summary = `handshake ${clip(record.protocol)} v${version}`;
    return {
      summary,
      fields: { type: 'handshake' },
      body: record,
      pair: { key: `signalr:handshake:${dir}`, role: 'request', name: 'handshake' },
    };
  }
  if (!Object.keys(record).every((key) => key === 'error' || key === 'minorVersion')) {
    return 'a record without a type must be a handshake: {"protocol":…,"version":…}, {} or {"error":…}';
  }
  const error = typeof record.error === 'string' ? clip(record.error) : undefined;
  const pair: PairHint = { key: `signalr:handshake:${other(dir)}`, role: 'response', ...(error ? { error: true } : {}) };
  return { summary: error ? `handshake error ${error}` : 'handshake ok', fields: { type: 'handshake' }, body: record, pair };
}

function describe(record: unknown, dir: Frame['dir']): DecodedMessage | string {
  if (!isRecord(record)) return 'a record must be a JSON object';
  if (record.type === undefined) return handshake(record, dir);
  const type = typeof record.type === 'number' ? TYPES[record.type] : undefined;
  if (type === undefined) return `unknown message type ${shortJson(record.type)}`;
  const id = scalarText(record.invocationId);
  const target = typeof record.target === 'string' ? clip(record.target) : undefined;
  if ((type === 'invoke' || type === 'stream') && target === undefined) return `${type} needs a target`;
  if ((type === 'item' || type === 'completion' || type === 'cancel' || type === 'stream') && id === undefined)
    return `${type} needs an invocationId`;
  const error = typeof record.error === 'string' ? clip(record.error) : undefined;
  const parts = [type, target, id !== undefined ? `#${id}` : undefined, error ? `error ${error}` : undefined];
  const message: DecodedMessage = { summary: parts.filter(Boolean).join(' '), fields: { type }, body: record };
  if (target !== undefined) message.fields.method = target;
  if (id !== undefined) message.fields.id = id;
  if (type === 'ping') message.heartbeat = true;
  // The key names the side that invoked: a completion received answers an invocation sent.
  if (id !== undefined) {
    if (type === 'invoke' || type === 'stream') message.pair = { key: `signalr:${dir}:${id}`, role: 'request', name: target };
    else if (type === 'item') message.pair = { key: `signalr:${other(dir)}:${id}`, role: 'next' };
    else if (type === 'completion')
      message.pair = { key: `signalr:${other(dir)}:${id}`, role: 'response', ...(error ? { error: true } : {}) };
    else if (type === 'cancel') message.pair = { key: `signalr:${dir}:${id}`, role: 'end' };
  }
  return message;
}

/** The type, target and id of a record cut off by the preview, from bounded patterns. */
function cutRecord(text: string, dir: Frame['dir']): DecodedMessage | undefined {
  const head = text.slice(0, PREFIX_CHARS);
  const type = /"type"\s*:\s*(\d)\b/.exec(head)?.[1];
  if (type === undefined) return undefined;
  const record: Record<string, unknown> = { type: Number(type), preview: true };
  const target = /"target"\s*:\s*"([^"\\]{1,120})"/.exec(head)?.[1];
  if (target !== undefined) record.target = target;
  const id = /"invocationId"\s*:\s*"([^"\\]{1,120})"/.exec(head)?.[1];
  if (id !== undefined) record.invocationId = id;
  const message = describe(record, dir);
  return typeof message === 'string' ? undefined : message;
}

function decodeText(text: string, frame: Frame): DecodeResult {
  const records = text.split(SEPARATOR, MAX_MESSAGES + 1);
  const last = records.length - 1;
  if (frame.complete && records.length <= MAX_MESSAGES && records[last] !== '')
    return failure('signalr-json', 'the last record does not end with 0x1E');
  const messages: DecodedMessage[] = [];
  for (let index = 0; index < Math.min(last, MAX_MESSAGES); index += 1) {
    const parsed = parseJson(records[index]);
    const message = parsed.ok ? describe(parsed.value, frame.dir) : parsed.error;
    if (typeof message === 'string') return failure('signalr-json', last > 1 ? `record ${index + 1}: ${message}` : message);
    messages.push(message);
  }
  if (records.length > MAX_MESSAGES) {
    let separators = 0;
    for (let at = text.indexOf(SEPARATOR); at >= 0; at = text.indexOf(SEPARATOR, at + 1)) separators += 1;
    messages.push(moreMessages(separators - messages.length));
  }
  if (!frame.complete) {
    const cut = records[last] ? cutRecord(records[last], frame.dir) : undefined;
    if (cut) messages.push(cut);
    return messages.length > 0
      ? success('signalr-json', messages, true)
      : failure('signalr-json', 'the preview does not show a whole record');
  }
  return messages.length > 0 ? success('signalr-json', messages) : failure('signalr-json', 'an empty frame');
}

export const signalrJson: Decoder = {
  id: 'signalr-json',
  label: 'SignalR (JSON)',
  // A hub path with the connection id SignalR adds after negotiating (`/chathub?id=…`, `/hubs/chat?id=…`).
  url: /hub[^?#]*\?(?:[^#]*&)?id=[^&#]/i,
  sniff(frame) {
    const text = frame.text;
    if (text === undefined || !text.endsWith(SEPARATOR)) return false;
    const first = text.slice(0, text.indexOf(SEPARATOR));
    const value = sniffJson({ ...frame, text: first }, '{');
    // A handshake that asks for MessagePack opens a SignalR MessagePack connection: leave it to that decoder.
    if (isRecord(value) && value.protocol === 'messagepack') return false;
    return isRecord(value) && typeof describe(value, frame.dir) !== 'string';
  },
  decode(input) {
    const frame = withinCap(input);
    if (frame.bytes !== undefined) {
      return failure('signalr-json', 'a binary frame: this hub speaks the MessagePack protocol (decode as SignalR MessagePack)');
    }
    if (frame.text === undefined) return failure('signalr-json', 'the frame has no payload');
    return decodeText(frame.text, frame);
  },
};
