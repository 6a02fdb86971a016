/**
 * SockJS over its WebSocket transport. The server frames by first letter: `o` open, `h` heartbeat,
 * `a["…","…"]` an array of messages, `m"…"` one message, `c[3000,"Go away!"]` close; the client sends
 * a JSON array of strings (or one JSON string). Each message stays text: it is often STOMP or JSON,
 * which the user can read in the Decoded tab or decode on a STOMP connection.
 */
import type { DecodedMessage, DecodeResult, Decoder, Frame } from '../types';
import { clip, failure, MAX_MESSAGES, moreMessages, PREFIX_CHARS, parseJson, success, unescapeJsonString, withinCap } from './text-common';

/** Characters of a message shown in its summary. */
const SUMMARY_CHARS = 60;

function message(text: string): DecodedMessage {
  return { summary: `MESSAGE ${text ? clip(text, SUMMARY_CHARS) : '(empty)'}`, fields: { type: 'MESSAGE' }, body: text };
}

function control(type: 'OPEN' | 'HEARTBEAT', heartbeat: boolean): DecodeResult {
  const decoded: DecodedMessage = { summary: type, fields: { type }, body: { type } };
  if (heartbeat) decoded.heartbeat = true;
  return success('sockjs', [decoded]);
}

function messages(json: string, what: string): DecodeResult {
  const parsed = parseJson(json);
  if (!parsed.ok) return failure('sockjs', `${what}: ${parsed.error}`);
  const value = parsed.value;
  if (typeof value === 'string') return success('sockjs', [message(value)]);
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    return failure('sockjs', `${what} must be a JSON array of strings`);
  }
  const decoded = value.slice(0, MAX_MESSAGES).map(message);
  if (value.length > MAX_MESSAGES) decoded.push(moreMessages(value.length - MAX_MESSAGES));
  return success('sockjs', decoded);
}

function close(json: string): DecodeResult {
  const parsed = parseJson(json);
  const value = parsed.ok ? parsed.value : undefined;
  if (!Array.isArray(value) || typeof value[0] !== 'number' || typeof value[1] !== 'string') {
    return failure('sockjs', 'a close frame must be c[code,"reason"]');
  }
  const [code, reason] = value;
  return success('sockjs', [
    { summary: `CLOSE ${code} ${clip(reason)}`.trim(), fields: { type: 'CLOSE', id: String(code) }, body: { code, reason } },
  ]);
}

/** The first message of a cut-off `a["…` / `["…` / `m"…`, from a bounded pattern. */
function fromPrefix(text: string): DecodeResult {
  const found = /^(?:a?\[\s*|m)"((?:[^"\\]|\\.){0,200})/.exec(text.slice(0, PREFIX_CHARS));
  // Drop a trailing half escape so that what is left still reads as a JSON string.
  const first = found ? unescapeJsonString(found[1].replace(/\\(?:u[0-9a-fA-F]{0,3})?$/, '')) : undefined;
  if (first === undefined) return failure('sockjs', 'the preview does not show a whole SockJS frame');
  return success('sockjs', [message(first)], true);
}

function decodeText(text: string, frame: Frame): DecodeResult {
  if (!frame.complete) return fromPrefix(text);
  const rest = text.slice(1);
  switch (text.charAt(0)) {
    case 'o':
      return rest ? failure('sockjs', 'an open frame is the letter o alone') : control('OPEN', false);
    case 'h':
      return rest ? failure('sockjs', 'a heartbeat frame is the letter h alone') : control('HEARTBEAT', true);
    case 'a':
      return messages(rest, 'an a-frame');
    case 'm':
      return messages(rest, 'an m-frame');
    case 'c':
      return close(rest);
    case '[':
    case '"':
      return messages(text, 'a client frame');
    default:
      return failure('sockjs', `unknown SockJS frame type '${clip(text.charAt(0) || '(empty frame)', 16)}'`);
  }
}

export const sockjs: Decoder = {
  id: 'sockjs',
  label: 'SockJS',
  // `/<prefix>/<server id>/<session id>/websocket`, as sockjs-client builds it (server id: 3 digits).
  url: /\/sockjs\/(?:[^?#]*\/)?websocket(?:[?#]|$)|\/\d{1,6}\/[\w.-]{1,64}\/websocket(?:[?#]|$)/i,
  sniff(frame) {
    const text = frame.text;
    if (text === undefined) return false;
    return text === 'o' || text === 'h' || /^(?:a\["|c\[\d{1,5},"|m")/.test(text.slice(0, 8));
  },
  decode(input) {
    const frame = withinCap(input);
    if (frame.text === undefined) return failure('sockjs', 'SockJS sends text frames only; this is a binary frame');
    return decodeText(frame.text, frame);
  },
};
