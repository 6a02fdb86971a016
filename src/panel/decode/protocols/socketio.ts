/**
 * Socket.IO v2–v4 over Engine.IO v3/v4 on a WebSocket: the Engine.IO packet type is the first character
 * (`0` open, `1` close, `2` ping, `3` pong, `4` message, `5` upgrade, `6` noop), a message carries one
 * Socket.IO packet (socketio-packet.ts), and binary frames are the attachments of the packet before them.
 */
import type { DecodedMessage, Decoder, Frame } from '../types';
import { decodeSocketIoPacket } from './socketio-packet';
import { clip, failure, isRecord, parseJson, success, withinCap } from './text-common';

const ENGINE_TYPES = ['OPEN', 'CLOSE', 'PING', 'PONG', 'MESSAGE', 'UPGRADE', 'NOOP'] as const;

/**
 * `cut`: only a preview was given, so the size is a lower bound. Engine.IO v3 puts a packet-type byte (4)
 * before each binary frame and v4 does not; a frame alone cannot tell which, so the size counts it.
 */
function attachment(byteLength: number, body: unknown, cut: boolean): DecodedMessage {
  return { summary: `ATTACHMENT ${byteLength}${cut ? '+' : ''} bytes`, fields: { type: 'ATTACHMENT' }, body };
}

/** Bytes a base64 text stands for, without decoding it. */
function base64Bytes(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((text.length * 3) / 4) - padding);
}

function openPacket(text: string) {
  const parsed = parseJson(text.slice(1));
  if (!parsed.ok) return failure('socketio', `OPEN data: ${parsed.error}`);
  if (!isRecord(parsed.value) || typeof parsed.value.sid !== 'string') return failure('socketio', 'OPEN data must be an object with a sid');
  const sid = clip(parsed.value.sid);
  return success('socketio', [{ summary: `OPEN sid ${sid}`, fields: { type: 'OPEN', id: sid }, body: parsed.value }]);
}

function decodeText(text: string, frame: Frame) {
  const engineType = ENGINE_TYPES[text.charCodeAt(0) - 48];
  if (text.charAt(0) === 'b') {
    // Engine.IO v3 sends binary as base64 text (`b4AAEC`) to clients that cannot take binary frames.
    const base64 = text.slice(2);
    if (text.charAt(1) !== '4' || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64.slice(0, 4096))) {
      return failure('socketio', 'a base64 packet must be "b4" followed by base64');
    }
    return success('socketio', [attachment(base64Bytes(base64), { type: 'ATTACHMENT', base64 }, !frame.complete)], !frame.complete);
  }
  if (engineType === undefined)
    return failure('socketio', `unknown Engine.IO packet type '${clip(text.charAt(0) || '(empty frame)', 16)}'`);
  if (engineType === 'MESSAGE') {
    const packet = decodeSocketIoPacket(text, 1, frame);
    return 'error' in packet ? failure('socketio', packet.error) : success('socketio', [packet.message], packet.partial);
  }
  if (!frame.complete) return failure('socketio', `the preview of a long ${engineType} packet is not decoded`);
  if (engineType === 'OPEN') return openPacket(text);
  const data = text.slice(1);
  const heartbeat = engineType === 'PING' || engineType === 'PONG';
  // `2probe`/`3probe` test a new transport during an upgrade; v3 clients ping, v4 servers do.
  const summary = data ? `${engineType} ${clip(data, 60)}` : engineType;
  const message: DecodedMessage = { summary, fields: { type: engineType }, body: data ? { type: engineType, data } : { type: engineType } };
  if (heartbeat) message.heartbeat = true;
  return success('socketio', [message]);
}

export const socketio: Decoder = {
  id: 'socketio',
  label: 'Socket.IO',
  // Any Engine.IO handshake URL (`/socket.io/?EIO=4&transport=websocket`, or a custom `path`) carries EIO=.
  url: /[?&]EIO=\d/,
  sniff(frame) {
    const text = frame.text;
    if (text === undefined) return false;
    return /^(?:0\{"sid":|[23]probe$|4[0-6](?:\d{1,6}-)?(?:\/[^,\s]{0,200},)?\d{0,16}[[{"]|40$)/.test(text.slice(0, 512));
  },
  decode(input) {
    const frame = withinCap(input);
    if (frame.bytes !== undefined)
      return success('socketio', [attachment(frame.bytes.length, frame.bytes, !frame.complete)], !frame.complete);
    if (frame.text === undefined) return failure('socketio', 'the frame has no payload');
    return decodeText(frame.text, frame);
  },
};
