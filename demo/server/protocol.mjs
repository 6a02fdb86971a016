// Message types of the chat protocol and the validation of every client frame.
// A frame that fails validation yields an error frame for the client, never a throw.

/** Maximum lengths of the string fields. */
export const LIMITS = Object.freeze({ roomId: 64, name: 32, text: 2000, requestId: 64 });

/**
 * Field kinds. Each checker returns true when the value is acceptable.
 * @type {Record<string, (value: unknown) => boolean>}
 */
const CHECKS = {
  roomId: (v) => isBoundedString(v, LIMITS.roomId),
  name: (v) => isBoundedString(v, LIMITS.name),
  text: (v) => isBoundedString(v, LIMITS.text),
  boolean: (v) => typeof v === 'boolean',
  requestId: (v) => isBoundedString(v, LIMITS.requestId) || (typeof v === 'number' && Number.isFinite(v)),
  optionalString: (v) => v === undefined || isBoundedString(v, LIMITS.name),
};

/**
 * Required fields of each client message type, mapped to their kind.
 * `noReply` is a request the server deliberately never answers.
 * @type {Record<string, Record<string, string>>}
 */
export const CLIENT_TYPES = {
  setName: { name: 'name' },
  joinRoom: { roomId: 'roomId' },
  leaveRoom: { roomId: 'roomId' },
  listRooms: {},
  sendToRoom: { roomId: 'roomId', text: 'text' },
  broadcast: { text: 'text' },
  typing: { roomId: 'roomId', typing: 'boolean' },
  getUserData: { requestId: 'requestId', userId: 'optionalString' },
  noReply: { requestId: 'requestId' },
};

/**
 * @param {unknown} v
 * @param {number} max
 */
function isBoundedString(v, max) {
  return typeof v === 'string' && v.trim().length > 0 && v.length <= max;
}

/**
 * @typedef {{ type: string, requestId?: string | number, [field: string]: unknown }} ClientMessage
 * @typedef {{ ok: true, message: ClientMessage } | { ok: false, error: string, requestId?: string | number }} ParseResult
 */

/**
 * Parse and validate one text frame.
 * @param {string} raw
 * @returns {ParseResult}
 */
export function parseClientMessage(raw) {
  /** @type {unknown} */
  let value;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'Invalid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'Invalid message format' };
  }
  const message = /** @type {Record<string, unknown>} */ (value);
  const requestId = CHECKS.requestId(message.requestId) ? /** @type {string | number} */ (message.requestId) : undefined;
  /** @type {(error: string) => ParseResult} */
  const fail = (error) => (requestId === undefined ? { ok: false, error } : { ok: false, error, requestId });
  if (typeof message.type !== 'string' || message.type === '') {
    return fail('Missing field: type');
  }
  if (!Object.hasOwn(CLIENT_TYPES, message.type)) {
    return fail(`Unknown message type: ${message.type.slice(0, 40)}`);
  }
  for (const [field, kind] of Object.entries(CLIENT_TYPES[message.type])) {
    const present = message[field] !== undefined;
    if (!present && kind !== 'optionalString') {
      return fail(`Missing field: ${field}`);
    }
    if (!CHECKS[kind](message[field])) {
      return fail(`Invalid field: ${field}`);
    }
  }
  return { ok: true, message: /** @type {ClientMessage} */ (message) };
}

/**
 * Build an error frame, echoing the request id when there is one.
 * @param {string} error
 * @param {string | number} [requestId]
 */
export function errorFrame(error, requestId) {
  return requestId === undefined ? { type: 'error', error } : { type: 'error', error, requestId };
}
