/**
 * MQTT 3.1.1 and 5 over WebSocket: each frame holds whole packets (clients may put several in one),
 * read with mqtt-packet. See mqtt-read.ts for how the version is chosen.
 */
import type { DecodedMessage, DecodeResult, Decoder, Frame } from '../types';
import { MAX_MESSAGES_PER_FRAME } from './binary-text';
import { packetMessage } from './mqtt-describe';
import { CONNECT, type PacketSpan, packetSpans, readPackets, reframeCut } from './mqtt-read';

const TYPE_NAMES = [
  '',
  'CONNECT',
  'CONNACK',
  'PUBLISH',
  'PUBACK',
  'PUBREC',
  'PUBREL',
  'PUBCOMP',
  'SUBSCRIBE',
  'SUBACK',
  'UNSUBSCRIBE',
  'UNSUBACK',
  'PINGREQ',
  'PINGRESP',
  'DISCONNECT',
  'AUTH',
];

function decodeWhole(bytes: Uint8Array, dir: Frame['dir']): DecodeResult {
  const count = packetSpans(bytes)?.length ?? 0;
  if (count > MAX_MESSAGES_PER_FRAME)
    return { ok: false, protocol: 'mqtt', error: `${count} packets in one frame (more than ${MAX_MESSAGES_PER_FRAME})` };
  const read = readPackets(bytes);
  if (!read.ok) return { ok: false, protocol: 'mqtt', error: read.error };
  if (read.packets.length === 0) return { ok: false, protocol: 'mqtt', error: 'no packet in the frame' };
  return { ok: true, protocol: 'mqtt', messages: read.packets.map((packet) => packetMessage(packet, dir, read.version)) };
}

/** The cut packet's start read as if it ended at the frame's end (a PUBLISH's topic and id, say), else its type. */
function cutMessage(bytes: Uint8Array, span: PacketSpan, dir: Frame['dir']): DecodedMessage {
  if (span.bodyStart < bytes.length) {
    const read = readPackets(reframeCut(bytes, span));
    if (read.ok && read.packets.length === 1) return packetMessage(read.packets[0], dir, read.version);
  }
  const type = TYPE_NAMES[span.type];
  return { summary: `${type} (cut)`, fields: { type }, body: { type, cut: true } };
}

/** Only the first bytes are loaded: whole packets decode as usual, the cut one shows what its start tells. */
function decodePrefix(bytes: Uint8Array, dir: Frame['dir']): DecodeResult {
  const spans = packetSpans(bytes);
  if (!spans || spans.length === 0) return { ok: false, protocol: 'mqtt', error: 'not an MQTT fixed header' };
  const cut = spans.find((span) => span.end > bytes.length);
  const wholeEnd = cut ? cut.start : bytes.length;
  const messages: DecodedMessage[] = [];
  if (wholeEnd > 0) {
    const whole = decodeWhole(bytes.subarray(0, wholeEnd), dir);
    if (!whole.ok) return whole;
    messages.push(...whole.messages);
  }
  if (cut) messages.push(cutMessage(bytes, cut, dir));
  return { ok: true, protocol: 'mqtt', messages, partial: true };
}

/** Conservative: valid fixed headers whose lengths add up to exactly the frame, and mqtt-packet reads them. */
function sniff(frame: Frame): boolean {
  const bytes = frame.bytes;
  if (!bytes || bytes.length < 2) return false;
  const spans = packetSpans(bytes);
  if (!spans || spans.length === 0) return false;
  if (!frame.complete) {
    // A cut frame is claimed only when it starts with a CONNECT that mqtt-packet actually read.
    const prefix = spans[0].type === CONNECT ? decodePrefix(bytes, frame.dir) : undefined;
    return prefix?.ok === true && (prefix.messages[0].body as { cut?: boolean }).cut !== true;
  }
  return spans.at(-1)?.end === bytes.length && readPackets(bytes).ok;
}

export const mqtt: Decoder = {
  id: 'mqtt',
  label: 'MQTT',
  // `mqttv3.1` is MQTT 3.1's name; 3.1.1 and 5 both use `mqtt`.
  subprotocols: ['mqtt', 'mqttv3.1'],
  sniff,
  decode(frame) {
    if (!frame.bytes) return { ok: false, protocol: 'mqtt', error: 'a text frame: MQTT packets travel in binary frames' };
    if (frame.bytes.length === 0) return { ok: false, protocol: 'mqtt', error: 'an empty frame' };
    return frame.complete ? decodeWhole(frame.bytes, frame.dir) : decodePrefix(frame.bytes, frame.dir);
  },
};
