/**
 * WAMP v2 with the JSON serializer: each message is an array led by its type code (`[48, 7, {}, "com.app.add", [2, 3]]`).
 * `wamp.2.json.batched` puts several, each ended by 0x1E, in one frame. Requests and their answers share a
 * request id: CALL→RESULT, SUBSCRIBE→SUBSCRIBED, PUBLISH→PUBLISHED, REGISTER→REGISTERED, INVOCATION→YIELD…,
 * or ERROR naming the request type.
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
  shortJson,
  sniffJson,
  success,
  withinCap,
} from './text-common';

/**
 * Each type's name and shape after the code: i id (integer), d dict, u URI, s string; then the optional
 * tail: a arguments (array), k keyword arguments or details (dict).
 */
const TYPES: Record<number, { name: string; shape: string; optional?: string }> = {
  1: { name: 'HELLO', shape: 'ud' },
  2: { name: 'WELCOME', shape: 'id' },
  3: { name: 'ABORT', shape: 'du' },
  4: { name: 'CHALLENGE', shape: 'sd' },
  5: { name: 'AUTHENTICATE', shape: 'sd' },
  6: { name: 'GOODBYE', shape: 'du' },
  8: { name: 'ERROR', shape: 'iidu', optional: 'ak' },
  16: { name: 'PUBLISH', shape: 'idu', optional: 'ak' },
  17: { name: 'PUBLISHED', shape: 'ii' },
  32: { name: 'SUBSCRIBE', shape: 'idu' },
  33: { name: 'SUBSCRIBED', shape: 'ii' },
  34: { name: 'UNSUBSCRIBE', shape: 'ii' },
  35: { name: 'UNSUBSCRIBED', shape: 'i', optional: 'k' },
  36: { name: 'EVENT', shape: 'iid', optional: 'ak' },
  48: { name: 'CALL', shape: 'idu', optional: 'ak' },
  49: { name: 'CANCEL', shape: 'id' },
  50: { name: 'RESULT', shape: 'id', optional: 'ak' },
  64: { name: 'REGISTER', shape: 'idu' },
  65: { name: 'REGISTERED', shape: 'ii' },
  66: { name: 'UNREGISTER', shape: 'ii' },
  67: { name: 'UNREGISTERED', shape: 'i', optional: 'k' },
  68: { name: 'INVOCATION', shape: 'iid', optional: 'ak' },
  69: { name: 'INTERRUPT', shape: 'id' },
  70: { name: 'YIELD', shape: 'id', optional: 'ak' },
};
const CODE = {
  HELLO: 1,
  WELCOME: 2,
  ABORT: 3,
  CHALLENGE: 4,
  GOODBYE: 6,
  ERROR: 8,
  PUBLISH: 16,
  SUBSCRIBE: 32,
  SUBSCRIBED: 33,
  UNSUBSCRIBE: 34,
  EVENT: 36,
  CALL: 48,
  RESULT: 50,
  REGISTER: 64,
  REGISTERED: 65,
  UNREGISTER: 66,
  INVOCATION: 68,
  YIELD: 70,
} as const;
/** The request each answer type answers. */
const ANSWERS: Record<number, number> = { 17: 16, 33: 32, 35: 34, 50: 48, 65: 64, 67: 66, 70: 68 };
const REQUESTS = new Set([16, 32, 34, 48, 64, 66, 68]);

const other = (dir: Frame['dir']) => (dir === 'send' ? 'recv' : 'send');

function fits(kind: string, value: unknown): boolean {
  if (kind === 'i') return Number.isSafeInteger(value) && (value as number) >= 0;
  if (kind === 'u' || kind === 's') return typeof value === 'string';
  if (kind === 'a') return Array.isArray(value);
  return isRecord(value);
}

function shapeError(message: unknown[]): string | undefined {
  const code = message[0];
  const type = typeof code === 'number' && Object.hasOwn(TYPES, code) ? TYPES[code] : undefined;
  if (type === undefined) return `unknown message code ${shortJson(message[0])}`;
  const { name, shape, optional = '' } = type;
  if (message.length < 1 + shape.length || message.length > 1 + shape.length + optional.length) {
    return `${name} has ${message.length - 1} elements after its code, not ${shape.length}${optional ? `–${shape.length + optional.length}` : ''}`;
  }
  const kinds = shape + optional;
  for (let index = 1; index < message.length; index += 1) {
    if (!fits(kinds[index - 1], message[index]))
      return `${name} element ${index} is not ${{ i: 'an id', d: 'a dict', u: 'a URI', s: 'a string', a: 'an array', k: 'a dict' }[kinds[index - 1]]}`;
  }
  return undefined;
}

/** The name a request is counted under in latency stats. */
function requestName(code: number, message: unknown[]): string {
  if (code === CODE.INVOCATION) {
    // Routers may disclose the procedure in the details; otherwise only the registration id is known.
    const procedure = (message[3] as Record<string, unknown>).procedure;
    return clip(typeof procedure === 'string' ? procedure : `registration ${message[2]}`);
  }
  return code === CODE.UNSUBSCRIBE || code === CODE.UNREGISTER ? TYPES[code].name : clip(String(message[3]));
}

function pairFor(code: number, message: unknown[], dir: Frame['dir']): PairHint | undefined {
  // The session opening: HELLO, then CHALLENGE (when authenticating), then WELCOME or ABORT.
  const session = `wamp:${code === CODE.HELLO ? dir : other(dir)}:session`;
  if (code === CODE.HELLO) return { key: session, role: 'request', name: 'HELLO' };
  if (code === CODE.WELCOME) return { key: session, role: 'response' };
  if (code === CODE.ABORT) return { key: session, role: 'response', error: true };
  if (code === CODE.CHALLENGE) return { key: session, role: 'next' };
  const key = (requestCode: number, initiator: Frame['dir'], id: unknown) => `wamp:${initiator}:${TYPES[requestCode].name}:${id}`;
  if (code === CODE.ERROR) {
    const requestCode = message[1] as number;
    return REQUESTS.has(requestCode) ? { key: key(requestCode, other(dir), message[2]), role: 'response', error: true } : undefined;
  }
  // A PUBLISH is only answered when it asks for an acknowledgement.
  if (code === CODE.PUBLISH && (message[2] as Record<string, unknown>).acknowledge !== true) return undefined;
  if (REQUESTS.has(code)) return { key: key(code, dir, message[1]), role: 'request', name: requestName(code, message) };
  const answered = ANSWERS[code];
  if (answered === undefined) return undefined;
  const details = message[2];
  const progress = (code === CODE.RESULT || code === CODE.YIELD) && isRecord(details) && details.progress === true;
  return { key: key(answered, other(dir), message[1]), role: progress ? 'next' : 'response' };
}

/** What follows the type name in the summary. */
function detailOf(code: number, message: unknown[]): string {
  const text = (index: number) => clip(String(message[index]));
  switch (code) {
    case CODE.HELLO:
    case CODE.CHALLENGE:
      return text(1);
    case CODE.WELCOME:
      return `session ${text(1)}`;
    case CODE.ABORT:
    case CODE.GOODBYE:
      return text(2);
    case CODE.ERROR:
      return `${TYPES[message[1] as number]?.name ?? message[1]} #${text(2)} ${text(4)}`;
    case CODE.EVENT:
      return `sub ${text(1)}`;
    case CODE.PUBLISH:
    case CODE.SUBSCRIBE:
    case CODE.CALL:
    case CODE.REGISTER:
      return `${text(3)} #${text(1)}`;
    case CODE.SUBSCRIBED:
    case CODE.UNSUBSCRIBE:
      return `#${text(1)} sub ${text(2)}`;
    case CODE.REGISTERED:
    case CODE.UNREGISTER:
    case CODE.INVOCATION:
      return `#${text(1)} reg ${text(2)}`;
    default:
      // AUTHENTICATE carries only a signature; every other message leads with its request id.
      return code === 5 ? '' : `#${text(1)}`;
  }
}

function describe(message: unknown[], dir: Frame['dir']): DecodedMessage {
  const code = message[0] as number;
  const { name } = TYPES[code];
  const decoded: DecodedMessage = { summary: `${name} ${detailOf(code, message)}`.trim(), fields: { type: name }, body: message };
  // Element 3 is the URI of these four (for others it may be arguments, which String() would walk).
  if (code === CODE.PUBLISH || code === CODE.SUBSCRIBE) decoded.fields.topic = clip(message[3] as string);
  if (code === CODE.CALL || code === CODE.REGISTER) decoded.fields.method = clip(message[3] as string);
  // The id a filter matches: the request id, or the subscription an EVENT belongs to.
  const idAt = code === CODE.ERROR ? 2 : code >= CODE.PUBLISH ? 1 : undefined;
  if (idAt !== undefined) decoded.fields.id = clip(String(message[idAt]));
  const pair = pairFor(code, message, dir);
  if (pair) decoded.pair = pair;
  return decoded;
}

function decodeOne(json: string, dir: Frame['dir']): DecodedMessage | string {
  const parsed = parseJson(json);
  if (!parsed.ok) return parsed.error;
  if (!Array.isArray(parsed.value) || parsed.value.length === 0) return 'a message must be a non-empty JSON array';
  return shapeError(parsed.value) ?? describe(parsed.value, dir);
}

/** A message cut off in its arguments: its code, ids and URI, from a bounded pattern, in the shape it needs. */
function fromPrefix(text: string, dir: Frame['dir']): DecodeResult {
  const head = text.slice(0, PREFIX_CHARS);
  const found = /^\s*\[\s*(\d{1,3})\s*,\s*(\d{1,17})\s*,\s*(?:(\d{1,17})\s*,\s*)?(?:\{[^{}]{0,500}\}\s*,\s*"([^"\\]{1,200})")?/.exec(head);
  // Progressive results say so in the dict after the request id.
  const progress = /^\s*\[\s*\d{1,3}\s*,\s*\d{1,17}\s*,\s*\{[^{}]{0,500}"progress"\s*:\s*true/.test(head);
  const type = found ? TYPES[Number(found[1])] : undefined;
  if (!found || !type || found[1] === '8') return failure('wamp', 'the preview does not show the message code and ids');
  const ids = [found[2], found[3]].filter((id) => id !== undefined).map(Number);
  const message: unknown[] = [Number(found[1])];
  for (const kind of type.shape) {
    if (kind === 'i' && ids.length > 0) message.push(ids.shift());
    else if (kind === 'd') message.push(progress ? { progress: true } : {});
    else if (kind === 'u' && found[4] !== undefined) message.push(found[4]);
    else return failure('wamp', `the preview does not show all of ${type.name}'s header`);
  }
  return success('wamp', [describe(message, dir)], true);
}

export const wamp: Decoder = {
  id: 'wamp',
  label: 'WAMP v2 (JSON)',
  subprotocols: ['wamp.2.json', 'wamp.2.json.batched'],
  sniff(frame) {
    const value = sniffJson(frame, '[');
    return Array.isArray(value) && typeof value[0] === 'number' && shapeError(value) === undefined;
  },
  decode(input) {
    const frame = withinCap(input);
    if (frame.text === undefined) return failure('wamp', 'a binary frame; this decoder reads the JSON serializer');
    if (!frame.complete) return fromPrefix(frame.text, frame.dir);
    const parts = frame.text.includes('\u001e') ? frame.text.split('\u001e') : [frame.text];
    if (parts.length > 1 && parts.at(-1) === '') parts.pop();
    const messages: DecodedMessage[] = [];
    for (let index = 0; index < Math.min(parts.length, MAX_MESSAGES); index += 1) {
      const message = decodeOne(parts[index], frame.dir);
      if (typeof message === 'string') return failure('wamp', parts.length > 1 ? `message ${index + 1}: ${message}` : message);
      messages.push(message);
    }
    if (parts.length > MAX_MESSAGES) messages.push(moreMessages(parts.length - MAX_MESSAGES));
    return success('wamp', messages);
  },
};
