/**
 * A SignalR hub message in the JSON hub protocol's field names (`type`, `invocationId`, `target`…),
 * whichever protocol carried it, described for the timeline: `invoke SendMessage #3`, `completion #3`,
 * keyed `signalr:<dir of the invoker>:<invocationId>` for pairing.
 */
import type { DecodedMessage, Frame, PairHint } from '../types';
import { otherDir } from './binary-text';

export interface HubMessage {
  type: number;
  invocationId?: string;
  target?: string;
  arguments?: unknown[];
  streamIds?: unknown[];
  item?: unknown;
  result?: unknown;
  error?: string;
  headers?: unknown;
  allowReconnect?: boolean;
  sequenceId?: unknown;
}

/** The hub protocol's message types, by number, as the timeline names them. */
export const HUB_MESSAGE_NAMES: Record<number, string> = {
  1: 'invoke',
  2: 'streamItem',
  3: 'completion',
  4: 'streamInvoke',
  5: 'cancel',
  6: 'ping',
  7: 'close',
  8: 'ack',
  9: 'sequence',
};

const MAX_NAME = 120;

function pairOf(message: HubMessage, dir: Frame['dir']): PairHint | undefined {
  const id = message.invocationId;
  if (id === undefined) return undefined;
  const invokedHere = `signalr:${dir}:${id}`;
  const invokedThere = `signalr:${otherDir(dir)}:${id}`;
  switch (message.type) {
    case 1:
    case 4:
      return { key: invokedHere, role: 'request', name: message.target };
    case 2:
      return { key: invokedThere, role: 'next' };
    case 3:
      return { key: invokedThere, role: 'response', error: message.error !== undefined };
    case 5:
      return { key: invokedHere, role: 'end' };
    default:
      return undefined;
  }
}

export function hubMessage(message: HubMessage, dir: Frame['dir']): DecodedMessage {
  const type = HUB_MESSAGE_NAMES[message.type] ?? `type ${message.type}`;
  const target = message.target?.slice(0, MAX_NAME);
  const parts = [type];
  if (target !== undefined) parts.push(target);
  if (message.invocationId !== undefined) parts.push(`#${message.invocationId.slice(0, MAX_NAME)}`);
  if (message.sequenceId !== undefined) parts.push(String(message.sequenceId));
  if (message.error !== undefined) parts.push('error');
  const fields: DecodedMessage['fields'] = { type };
  if (target !== undefined) fields.method = target;
  if (message.invocationId !== undefined) fields.id = message.invocationId;
  const decoded: DecodedMessage = { summary: parts.join(' '), fields, body: message };
  const pair = pairOf(message, dir);
  if (pair) decoded.pair = pair;
  if (message.type === 6) decoded.heartbeat = true;
  return decoded;
}

/** The JSON handshake (`{"protocol":"messagepack","version":1}`, answered by `{}` or `{"error": …}`). */
export function handshakeMessage(value: Record<string, unknown>): DecodedMessage {
  if (typeof value.protocol === 'string') {
    const version = typeof value.version === 'number' ? ` v${value.version}` : '';
    return {
      summary: `handshake ${value.protocol.slice(0, MAX_NAME)}${version}`,
      fields: { type: 'handshake' },
      body: value,
      pair: { key: 'signalr:handshake', role: 'request', name: 'handshake' },
    };
  }
  const error = typeof value.error === 'string' ? value.error : undefined;
  return {
    summary: error === undefined ? 'handshake ok' : `handshake error ${error.slice(0, MAX_NAME)}`,
    fields: { type: 'handshake' },
    body: value,
    pair: { key: 'signalr:handshake', role: 'response', error: error !== undefined },
  };
}
