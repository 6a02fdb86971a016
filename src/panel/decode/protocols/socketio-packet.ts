/**
 * One Socket.IO packet (v2–v4) as it travels inside an Engine.IO message:
 * `<type>[<attachments>-][/<namespace>,][<ack id>][<JSON data>]`, e.g. `2["chat","hi"]`, `21["chat"]`,
 * `2/admin,["chat"]`, `51-["upload",{"_placeholder":true,"num":0}]`, `3/admin,12["ok"]`.
 * socket.io-parser's Decoder is stateful (it waits for attachments and emits events) and throws on bad input,
 * so this small parser reads one packet, bounded, and reports instead.
 */
import type { DecodedFields, DecodedMessage, Frame } from '../types';
import { clip, isRecord, MAX_NAME, PREFIX_CHARS, parseJson, unescapeJsonString } from './text-common';

export const SOCKET_IO_TYPES = ['CONNECT', 'DISCONNECT', 'EVENT', 'ACK', 'CONNECT_ERROR', 'BINARY_EVENT', 'BINARY_ACK'] as const;
type SocketIoType = (typeof SOCKET_IO_TYPES)[number];

/** Namespaces are short paths (`/admin`, v2 may add `?token=…`); a longer one means this is not Socket.IO. */
const MAX_NAMESPACE = 2048;
/** Ack ids are counters; 16 digits is past Number.MAX_SAFE_INTEGER's 9007199254740991 by one digit only. */
const MAX_ID_DIGITS = 16;

interface Header {
  type: SocketIoType;
  attachments?: number;
  namespace: string;
  ackId?: number;
  /** Where the JSON data starts. */
  dataAt: number;
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/** The part before the JSON data; `start` is where the Socket.IO type digit is (after the Engine.IO `4`). */
function readHeader(text: string, start: number, complete: boolean): Header | string {
  const type = SOCKET_IO_TYPES[text.charCodeAt(start) - 48];
  if (type === undefined) return `unknown Socket.IO packet type '${clip(text.charAt(start) || '(none)', 8)}'`;
  let at = start + 1;
  let attachments: number | undefined;
  if (type === 'BINARY_EVENT' || type === 'BINARY_ACK') {
    const dash = text.indexOf('-', at);
    const digits = dash < 0 || dash - at > 6 ? '' : text.slice(at, dash);
    if (!/^\d{1,6}$/.test(digits)) {
      return `${type} must give its attachment count as "<n>-"`;
    }
    attachments = Number(digits);
    at = dash + 1;
  }
  let namespace = '/';
  if (text.charAt(at) === '/') {
    const comma = text.indexOf(',', at);
    if (comma < 0 && !complete) return 'the preview ends inside the namespace';
    const end = comma < 0 ? text.length : comma;
    if (end - at > MAX_NAMESPACE) return `namespace longer than ${MAX_NAMESPACE} characters`;
    namespace = text.slice(at, end);
    at = comma < 0 ? end : comma + 1;
  }
  let ackId: number | undefined;
  const idStart = at;
  while (at < text.length && isDigit(text.charCodeAt(at))) {
    at += 1;
    if (at - idStart > MAX_ID_DIGITS) return `ack id longer than ${MAX_ID_DIGITS} digits`;
  }
  if (at > idStart) ackId = Number(text.slice(idStart, at));
  return { type, attachments, namespace, ackId, dataAt: at };
}

/** Checks the data against what each packet type carries, as socket.io-parser does. */
function payloadError(type: SocketIoType, data: unknown, ackId: number | undefined): string | undefined {
  switch (type) {
    case 'CONNECT':
      return data === undefined || isRecord(data) ? undefined : 'CONNECT data must be an object';
    case 'DISCONNECT':
      return data === undefined ? undefined : 'DISCONNECT carries no data';
    case 'EVENT':
    case 'BINARY_EVENT': {
      const name = Array.isArray(data) ? data[0] : undefined;
      return typeof name === 'string' || typeof name === 'number'
        ? undefined
        : `${type} data must be an array starting with the event name`;
    }
    case 'ACK':
    case 'BINARY_ACK':
      if (ackId === undefined) return `${type} has no ack id`;
      return Array.isArray(data) ? undefined : `${type} data must be an array`;
    case 'CONNECT_ERROR':
      return typeof data === 'string' || isRecord(data) ? undefined : 'CONNECT_ERROR data must be a message or an object';
  }
}

const inNamespace = (namespace: string) => (namespace === '/' ? '' : ` in ${clip(namespace)}`);

function describe(header: Header, data: unknown, dir: Frame['dir'], eventName?: string): DecodedMessage {
  const { type, namespace, ackId, attachments } = header;
  const fields: DecodedFields = { type, namespace };
  if (ackId !== undefined) fields.id = String(ackId);
  const body: Record<string, unknown> = { type, namespace };
  if (ackId !== undefined) body.id = ackId;
  if (attachments !== undefined) body.attachments = attachments;
  const plural = attachments === 1 ? '' : 's';
  const withAttachments = attachments === undefined ? '' : ` +${attachments} attachment${plural}`;
  const message: DecodedMessage = { summary: type, fields, body };
  if (attachments !== undefined) message.attachments = attachments;

  if (type === 'EVENT' || type === 'BINARY_EVENT') {
    const event = eventName ?? clip(String((data as unknown[])[0]));
    fields.event = event;
    body.event = event;
    if (Array.isArray(data)) body.args = data.slice(1);
    const ack = ackId === undefined ? '' : ` ack ${ackId}`;
    message.summary = `${type} ${event}${ack}${withAttachments}${inNamespace(namespace)}`;
    if (ackId !== undefined) message.pair = { key: `sio:${namespace}:${dir}:${ackId}`, role: 'request', name: event };
  } else if (type === 'ACK' || type === 'BINARY_ACK') {
    if (Array.isArray(data)) body.args = data;
    message.summary = `${type} ${ackId}${withAttachments}${inNamespace(namespace)}`;
    // An ACK answers the EVENT that went the other way.
    const initiator = dir === 'send' ? 'recv' : 'send';
    message.pair = { key: `sio:${namespace}:${initiator}:${ackId}`, role: 'response' };
  } else if (type === 'CONNECT_ERROR') {
    body.error = data;
    const reason = typeof data === 'string' ? data : isRecord(data) && typeof data.message === 'string' ? data.message : '';
    message.summary = `CONNECT_ERROR ${clip(namespace)}${reason ? ` ${clip(reason)}` : ''}`;
  } else {
    if (data !== undefined) body.data = data;
    message.summary = `${type} ${clip(namespace)}`;
  }
  return message;
}

/** The event name at the start of EVENT data cut off in a preview (`["chat",{…`), read with a bounded pattern. */
function eventNameFromPrefix(data: string): string | undefined {
  const head = data.slice(0, PREFIX_CHARS);
  const quoted = new RegExp(`^\\[\\s*"((?:[^"\\\\]|\\\\.){0,${MAX_NAME}})"`).exec(head);
  if (quoted) {
    const name = unescapeJsonString(quoted[1]);
    return name === undefined ? undefined : clip(name);
  }
  return /^\[\s*(-?\d{1,16})\s*[,\]]/.exec(head)?.[1];
}

export type PacketResult = { message: DecodedMessage; partial: boolean } | { error: string };

/** Decodes the Socket.IO packet that starts at `start` in an Engine.IO message frame. */
export function decodeSocketIoPacket(text: string, start: number, frame: Frame): PacketResult {
  const header = readHeader(text, start, frame.complete);
  if (typeof header === 'string') return { error: header };
  const rest = text.slice(header.dataAt);
  if (!frame.complete) {
    const isEvent = header.type === 'EVENT' || header.type === 'BINARY_EVENT';
    const eventName = isEvent ? eventNameFromPrefix(rest) : undefined;
    if (isEvent && eventName === undefined) return { error: 'the preview does not show the event name' };
    return { message: describe(header, undefined, frame.dir, eventName), partial: true };
  }
  let data: unknown;
  if (rest.length > 0) {
    const parsed = parseJson(rest);
    if (!parsed.ok) return { error: `${header.type} data: ${parsed.error}` };
    data = parsed.value;
  }
  const error = payloadError(header.type, data, header.ackId);
  return error ? { error } : { message: describe(header, data, frame.dir), partial: false };
}
