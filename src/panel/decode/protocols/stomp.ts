/**
 * STOMP 1.0–1.2: `COMMAND\nheader:value\n…\n\nbody\0`, lines ending in LF or CRLF. A frame with only
 * end-of-lines is a heart-beat. One WebSocket frame may hold several STOMP frames. Header values are
 * unescaped as 1.1/1.2 say (`\n`, `\c`, `\\`, `\r`), except in CONNECT/CONNECTED, which the spec leaves raw.
 */
import type { DecodedFields, DecodedMessage, DecodeResult, Decoder, Frame, PairHint } from '../types';
import { clip, failure, MAX_MESSAGES, moreMessages, success, withinCap } from './text-common';

const COMMANDS = new Set([
  'CONNECT',
  'STOMP',
  'CONNECTED',
  'SEND',
  'SUBSCRIBE',
  'UNSUBSCRIBE',
  'BEGIN',
  'COMMIT',
  'ABORT',
  'ACK',
  'NACK',
  'DISCONNECT',
  'MESSAGE',
  'RECEIPT',
  'ERROR',
]);
/** Headers kept per frame; real frames have a dozen. */
const MAX_HEADERS = 256;
const ESCAPES: Record<string, string> = { n: '\n', c: ':', '\\': '\\', r: '\r' };

const unescapeHeader = (value: string) => value.replace(/\\([nc\\r])/g, (_, code: string) => ESCAPES[code]);

interface StompFrame {
  command: string;
  headers: Record<string, string>;
  body?: string;
}

/** The line from `at` up to LF (without a CR before it), and where the next line starts; null when no LF follows. */
function lineAt(text: string, at: number): { line: string; next: number } | null {
  const lf = text.indexOf('\n', at);
  if (lf < 0) return null;
  return { line: text.slice(at, text.charCodeAt(lf - 1) === 13 && lf > at ? lf - 1 : lf), next: lf + 1 };
}

/** UTF-16 index after `length` UTF-8 bytes of text from `at`, or -1 when the text is shorter. */
function afterUtf8Bytes(text: string, at: number, length: number): number {
  let bytes = 0;
  let index = at;
  while (bytes < length && index < text.length) {
    const code = text.charCodeAt(index);
    const pair = code >= 0xd800 && code <= 0xdbff && index + 1 < text.length;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : pair ? 4 : 3;
    index += pair ? 2 : 1;
  }
  return bytes >= length ? index : -1;
}

type Parsed = { frame: StompFrame; next: number; cut?: boolean } | { error: string };

/** Reads one frame from `at`; with `complete` false, a frame cut in its body is returned without one (cut). */
function readFrame(text: string, at: number, complete: boolean): Parsed {
  const first = lineAt(text, at);
  if (!first) return { error: complete ? 'the command line does not end' : 'the preview ends in the command line' };
  const command = first.line;
  if (!COMMANDS.has(command)) return { error: `unknown STOMP command '${clip(command, 40)}'` };
  const entries: [string, string][] = [];
  const seen = new Set<string>();
  const raw = command === 'CONNECT' || command === 'CONNECTED';
  let next = first.next;
  for (;;) {
    const header = lineAt(text, next);
    if (!header) return { error: complete ? 'the headers do not end with an empty line' : 'the preview ends in the headers' };
    next = header.next;
    if (header.line === '') break;
    const colon = header.line.indexOf(':');
    if (colon <= 0) return { error: `header line '${clip(header.line, 40)}' has no name before ':'` };
    const name = raw ? header.line.slice(0, colon) : unescapeHeader(header.line.slice(0, colon));
    // The spec: when a header repeats, the first value counts.
    if (!seen.has(name) && entries.length < MAX_HEADERS) {
      seen.add(name);
      entries.push([name, raw ? header.line.slice(colon + 1) : unescapeHeader(header.line.slice(colon + 1))]);
    }
  }
  const headers = Object.fromEntries(entries);
  const length = headers['content-length'];
  let end: number;
  if (length !== undefined && /^\d{1,10}$/.test(length)) {
    end = afterUtf8Bytes(text, next, Number(length));
    if (end < 0 || text.charCodeAt(end) !== 0) {
      if (!complete) return { frame: { command, headers }, next: text.length, cut: true };
      return { error: end < 0 ? 'the body is shorter than its content-length' : 'no NUL after content-length bytes of body' };
    }
  } else {
    end = text.indexOf('\0', next);
    if (end < 0) {
      if (!complete) return { frame: { command, headers }, next: text.length, cut: true };
      return { error: 'no NUL ends the frame' };
    }
  }
  return { frame: { command, headers, body: text.slice(next, end) }, next: end + 1 };
}

/** What follows the command in the summary: where it goes, or what it answers. */
function detailOf({ command, headers, body }: StompFrame): string {
  const id = headers.id === undefined ? '' : `id=${clip(headers.id)}`;
  const destination = headers.destination === undefined ? '' : clip(headers.destination);
  switch (command) {
    case 'SUBSCRIBE':
      return `${destination} ${id}`;
    case 'UNSUBSCRIBE':
    case 'ACK':
    case 'NACK':
      return id;
    case 'RECEIPT':
      return clip(headers['receipt-id'] ?? '');
    case 'ERROR':
      return clip(headers.message ?? body ?? '');
    case 'CONNECT':
    case 'STOMP':
      return clip(headers.host ?? '');
    case 'CONNECTED':
      return headers.version ? `v${clip(headers.version)}` : '';
    default:
      return destination || (headers.transaction === undefined ? '' : `transaction=${clip(headers.transaction)}`);
  }
}

/** A frame asking for a receipt starts an exchange its RECEIPT (or an ERROR naming it) ends; so do CONNECT and CONNECTED. */
function pairOf({ command, headers }: StompFrame): PairHint | undefined {
  const receipt = headers.receipt;
  if (receipt !== undefined) {
    const destination = headers.destination === undefined ? '' : ` ${clip(headers.destination)}`;
    return { key: `stomp:receipt:${clip(receipt)}`, role: 'request', name: `${command}${destination}` };
  }
  const answered = headers['receipt-id'];
  if (answered !== undefined && command === 'RECEIPT') return { key: `stomp:receipt:${clip(answered)}`, role: 'response' };
  if (answered !== undefined && command === 'ERROR') return { key: `stomp:receipt:${clip(answered)}`, role: 'response', error: true };
  if (command === 'CONNECT' || command === 'STOMP') return { key: 'stomp:connect', role: 'request', name: command };
  if (command === 'CONNECTED') return { key: 'stomp:connect', role: 'response' };
  return undefined;
}

function describe(frame: StompFrame): DecodedMessage {
  const { command, headers, body } = frame;
  const fields: DecodedFields = { type: command };
  if (headers.destination !== undefined) fields.destination = clip(headers.destination);
  const id = headers['receipt-id'] ?? headers.receipt ?? headers.id ?? headers['message-id'];
  if (id !== undefined) fields.id = clip(id);
  const decoded: DecodedMessage = {
    summary: `${command} ${detailOf(frame).trim()}`.trim(),
    fields,
    body: body === undefined ? { command, headers } : { command, headers, body },
  };
  const pair = pairOf(frame);
  if (pair) decoded.pair = pair;
  return decoded;
}

const HEARTBEAT: DecodedMessage = { summary: 'HEARTBEAT', fields: { type: 'HEARTBEAT' }, heartbeat: true, body: { command: 'HEARTBEAT' } };

function decodeText(text: string, frame: Frame): DecodeResult {
  if (/^(?:\r?\n)+$/.test(text)) return success('stomp', [{ ...HEARTBEAT, fields: { ...HEARTBEAT.fields } }]);
  const messages: DecodedMessage[] = [];
  let at = 0;
  let extra = 0;
  let partial = false;
  while (at < text.length) {
    // End-of-lines between frames are heart-beats that carry no frame of their own.
    while (text.charCodeAt(at) === 10 || (text.charCodeAt(at) === 13 && text.charCodeAt(at + 1) === 10))
      at += text.charCodeAt(at) === 13 ? 2 : 1;
    if (at >= text.length) break;
    if (messages.length >= MAX_MESSAGES) {
      extra += 1;
      const nul = text.indexOf('\0', at);
      at = nul < 0 ? text.length : nul + 1;
      continue;
    }
    const parsed = readFrame(text, at, frame.complete);
    if ('error' in parsed) {
      if (messages.length > 0 && !frame.complete) return success('stomp', messages, true);
      return failure('stomp', messages.length > 0 ? `frame ${messages.length + 1}: ${parsed.error}` : parsed.error);
    }
    messages.push(describe(parsed.frame));
    partial = partial || parsed.cut === true;
    at = parsed.next;
  }
  if (extra > 0) messages.push(moreMessages(extra));
  return messages.length > 0 ? success('stomp', messages, partial || !frame.complete) : failure('stomp', 'an empty frame');
}

export const stomp: Decoder = {
  id: 'stomp',
  label: 'STOMP',
  subprotocols: ['v12.stomp', 'v11.stomp', 'v10.stomp'],
  url: /\/stomp(?:[/?#]|$)/i,
  sniff(frame) {
    const text = frame.text;
    if (text === undefined) return false;
    const command = /^([A-Z]{3,11})\r?\n/.exec(text.slice(0, 16))?.[1];
    return command !== undefined && COMMANDS.has(command) && (!frame.complete || text.includes('\0'));
  },
  decode(input) {
    const frame = withinCap(input);
    if (frame.text === undefined) return failure('stomp', 'a binary frame; STOMP over WebSocket is decoded from text frames');
    return decodeText(frame.text, frame);
  },
};
