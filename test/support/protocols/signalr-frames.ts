/**
 * The two SignalR hub protocols, for the messages this fixture uses (Invocation, Completion, Ping, Close):
 * - JSON: each message a JSON object followed by the record separator 0x1E;
 * - MessagePack: each message a MessagePack array prefixed by its length as a 7-bit varint.
 * See https://github.com/dotnet/aspnetcore/blob/main/src/SignalR/docs/specs/HubProtocol.md
 */
import { decode, encode } from '@msgpack/msgpack';

export const RECORD_SEPARATOR = '\u001e';

export type HubMessage =
  | { type: 1; invocationId?: string; target: string; arguments: unknown[] }
  | { type: 3; invocationId: string; result?: unknown; error?: string }
  | { type: 6 }
  | { type: 7; error?: string; allowReconnect?: boolean };

export type HubProtocolName = 'json' | 'messagepack';

/** Splits text on the record separator; the text must end with one. */
export function splitRecords(text: string): string[] {
  if (!text.endsWith(RECORD_SEPARATOR)) throw new Error('a JSON hub message must end with the record separator');
  return text.slice(0, -1).split(RECORD_SEPARATOR);
}

export const jsonRecord = (value: unknown) => JSON.stringify(value) + RECORD_SEPARATOR;

// Completion result kinds in the MessagePack protocol.
const ERROR_RESULT = 1;
const VOID_RESULT = 2;
const NON_VOID_RESULT = 3;

function fromArray(array: unknown[]): HubMessage {
  const [type] = array;
  switch (type) {
    case 1:
      return {
        type: 1,
        ...(array[2] === null ? {} : { invocationId: array[2] as string }),
        target: array[3] as string,
        arguments: array[4] as unknown[],
      };
    case 3: {
      const [, , invocationId, kind, value] = array as [3, unknown, string, number, unknown];
      if (kind === ERROR_RESULT) return { type: 3, invocationId, error: value as string };
      return kind === NON_VOID_RESULT ? { type: 3, invocationId, result: value } : { type: 3, invocationId };
    }
    case 6:
      return { type: 6 };
    case 7:
      return { type: 7, ...(array[1] ? { error: array[1] as string } : {}), allowReconnect: Boolean(array[2]) };
    default:
      throw new Error(`unsupported hub message type ${String(type)}`);
  }
}

function toArray(message: HubMessage): unknown[] {
  switch (message.type) {
    case 1:
      return [1, {}, message.invocationId ?? null, message.target, message.arguments, []];
    case 3:
      if (message.error !== undefined) return [3, {}, message.invocationId, ERROR_RESULT, message.error];
      return 'result' in message
        ? [3, {}, message.invocationId, NON_VOID_RESULT, message.result]
        : [3, {}, message.invocationId, VOID_RESULT];
    case 6:
      return [6];
    case 7:
      return [7, message.error ?? null, message.allowReconnect ?? false];
  }
}

/** Encodes messages as one WebSocket payload in `protocol`. */
export function encodeMessages(protocol: HubProtocolName, messages: HubMessage[]): string | Uint8Array {
  if (protocol === 'json') return messages.map(jsonRecord).join('');
  const parts = messages.map((m) => {
    const body = encode(toArray(m));
    return [...varint(body.length), ...body];
  });
  return Uint8Array.from(parts.flat());
}

/** Decodes one WebSocket payload in `protocol` into its messages. */
export function decodeMessages(protocol: HubProtocolName, payload: Uint8Array): HubMessage[] {
  if (protocol === 'json') return splitRecords(new TextDecoder().decode(payload)).map((record) => JSON.parse(record) as HubMessage);
  const messages: HubMessage[] = [];
  let offset = 0;
  while (offset < payload.length) {
    const [length, lengthSize] = readVarint(payload, offset);
    const start = offset + lengthSize;
    if (start + length > payload.length) throw new Error('a MessagePack hub message runs past the end of the frame');
    const value = decode(payload.subarray(start, start + length));
    if (!Array.isArray(value)) throw new Error('a MessagePack hub message must be an array');
    messages.push(fromArray(value));
    offset = start + length;
  }
  return messages;
}

export function varint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest > 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest > 0);
  return bytes;
}

/** The varint at `offset`: [value, its size in bytes]. At most 5 bytes (a 2 GB message), as the protocol says. */
export function readVarint(bytes: Uint8Array, offset: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 5; i++) {
    if (offset + i >= bytes.length) throw new Error('a truncated length prefix');
    const byte = bytes[offset + i];
    value += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) return [value, i + 1];
  }
  throw new Error('a length prefix longer than 5 bytes');
}
