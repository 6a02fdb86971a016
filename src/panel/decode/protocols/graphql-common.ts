/**
 * What the two GraphQL-over-WebSocket protocols share: JSON objects `{type, id?, payload?}`, an operation
 * started by id, answered by results, ended by complete. Each protocol is a table of its message types.
 */
import type { DecodedMessage, DecodeResult, Decoder, Frame, PairHint, ProtocolId } from '../types';
import { type Operation, operationOf } from './graphql-operation';
import {
  clip,
  failure,
  isRecord,
  PREFIX_CHARS,
  parseJson,
  scalarText,
  sniffJson,
  success,
  unescapeJsonString,
  withinCap,
} from './text-common';

/** What a message type does in an operation's life. */
export type Role = 'init' | 'ack' | 'init-error' | 'heartbeat' | 'start' | 'next' | 'error' | 'end' | 'none';

export interface Dialect {
  protocol: ProtocolId;
  label: string;
  subprotocols: readonly string[];
  types: Readonly<Record<string, Role>>;
  /** graphql-transport-ws requires `payload.query`; the legacy protocol only usually sends it. */
  queryRequired: boolean;
  /** The message types that only this protocol uses, for content detection. */
  distinctive: readonly string[];
}

const NEEDS_ID = new Set<Role>(['start', 'next', 'error', 'end']);

function errorText(payload: unknown): string | undefined {
  const first = Array.isArray(payload) ? payload[0] : payload;
  return isRecord(first) && typeof first.message === 'string' ? clip(first.message) : undefined;
}

function pairFor(role: Role, type: string, id: string | undefined, operation: Operation | undefined): PairHint | undefined {
  const key = `gql:${id}`;
  switch (role) {
    case 'init':
      return { key: 'gql:init', role: 'request', name: type };
    case 'ack':
      return { key: 'gql:init', role: 'response' };
    case 'init-error':
      return { key: 'gql:init', role: 'response', error: true };
    case 'start':
      return { key, role: 'request', name: operation?.name ?? operation?.type ?? type };
    case 'next':
      return { key, role: 'next' };
    case 'error':
      return { key, role: 'response', error: true };
    case 'end':
      return { key, role: 'end' };
    default:
      return undefined;
  }
}

/** One decoded message, or why it is not one of this dialect's. */
function describe(dialect: Dialect, value: unknown, cut: boolean): DecodedMessage | string {
  if (!isRecord(value) || typeof value.type !== 'string') return 'a message must be a JSON object with a string "type"';
  const type = value.type;
  const role = Object.hasOwn(dialect.types, type) ? dialect.types[type] : undefined;
  if (role === undefined) return `unknown message type '${clip(type, 40)}'`;
  const id = scalarText(value.id);
  if (id === undefined && NEEDS_ID.has(role)) return `${type} needs an id`;
  let operation: Operation | undefined;
  if (role === 'start') {
    const payload = value.payload;
    const query = isRecord(payload) ? payload.query : undefined;
    if (typeof query === 'string') operation = operationOf(query, isRecord(payload) ? payload.operationName : undefined);
    else if (dialect.queryRequired && !cut) return `${type} needs payload.query`;
  }
  const opText = operation ? ` ${operation.type}${operation.name ? ` ${operation.name}` : ''}` : '';
  const error = role === 'error' || role === 'init-error' ? errorText(value.payload) : undefined;
  const message: DecodedMessage = {
    summary: `${type}${id !== undefined ? ` #${id}` : ''}${opText}${error ? ` ${error}` : ''}`,
    fields: { type },
    body: value,
  };
  if (id !== undefined) message.fields.id = id;
  if (operation) message.fields.operation = operation.name ?? operation.type;
  if (role === 'heartbeat') message.heartbeat = true;
  const pair = pairFor(role, type, id, operation);
  if (pair) message.pair = pair;
  return message;
}

/** Type, id and operation of a cut-off message, read with bounded patterns. */
function fromPrefix(dialect: Dialect, text: string): DecodeResult {
  const head = text.slice(0, PREFIX_CHARS);
  const type = /"type"\s*:\s*"(\w{1,40})"/.exec(head)?.[1];
  if (type === undefined) return failure(dialect.protocol, 'the preview does not show the message type');
  const value: Record<string, unknown> = { type };
  const id = /"id"\s*:\s*(?:"([^"\\]{0,120})"|(\d{1,16}))/.exec(head);
  if (id) value.id = id[1] ?? id[2];
  const operationName = /"operationName"\s*:\s*"([_A-Za-z]\w{0,119})"/.exec(head)?.[1];
  const query = /"query"\s*:\s*"((?:[^"\\]|\\.){0,3000})/.exec(head)?.[1];
  const queryText = query === undefined ? undefined : unescapeJsonString(query.replace(/\\(?:u[0-9a-fA-F]{0,3})?$/, ''));
  if (queryText !== undefined) value.payload = { query: queryText, operationName };
  const message = describe(dialect, value, true);
  if (typeof message === 'string') return failure(dialect.protocol, message);
  return success(dialect.protocol, [{ ...message, body: { ...value, preview: true } }], true);
}

export function graphqlDecoder(dialect: Dialect): Decoder {
  const { protocol } = dialect;
  return {
    id: protocol,
    label: dialect.label,
    subprotocols: dialect.subprotocols,
    sniff(frame: Frame) {
      const value = sniffJson(frame, '{');
      if (!isRecord(value) || typeof value.type !== 'string' || !dialect.distinctive.includes(value.type)) return false;
      return typeof describe(dialect, value, false) !== 'string' && (value.type === 'ka' || isRecord(value.payload));
    },
    decode(input: Frame) {
      const frame = withinCap(input);
      if (frame.text === undefined) return failure(protocol, 'a binary frame; GraphQL over WebSocket sends JSON text');
      if (!frame.complete) return fromPrefix(dialect, frame.text);
      const parsed = parseJson(frame.text);
      if (!parsed.ok) return failure(protocol, parsed.error);
      const message = describe(dialect, parsed.value, false);
      return typeof message === 'string' ? failure(protocol, message) : success(protocol, [message]);
    },
  };
}
