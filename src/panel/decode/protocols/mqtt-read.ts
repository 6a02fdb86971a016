/**
 * MQTT packets read with mqtt-packet, and the choice between MQTT 3.1.1 and 5, which one frame cannot
 * always tell. A CONNECT names its protocol level and mqtt-packet then reads the packets after it in
 * the same frame at that level. Any other frame is read both ways, and 3.1.1 is kept unless it fails or
 * MQTT 5 reads the whole frame too and it holds either
 * - a PUBLISH: MQTT 5 reads one only when its payload starts with a well-formed property block, which
 *   a 3.1.1 payload rarely does (known cost: a 3.1.1 binary payload starting with a zero byte, the
 *   empty property block, is shown as MQTT 5 without that byte), or
 * - an acknowledgement longer than 3.1.1 allows (MQTT 5 adds a reason code and properties).
 * Known ambiguity the other way: an MQTT 5 SUBACK with no properties also reads as 3.1.1, with one
 * extra granted QoS 0 in front. The body's `mqttVersion` says which reading was used.
 */
import { Buffer } from 'buffer';
import { type Packet, parser } from 'mqtt-packet';
import { errorText } from './binary-text';

export type MqttVersion = 3 | 4 | 5;

/** Where one packet lies in the frame, from its fixed header alone. */
export interface PacketSpan {
  type: number;
  flags: number;
  start: number;
  bodyStart: number;
  /** Declared end; past the frame's end when the packet is cut. */
  end: number;
}

export const CONNECT = 1;
const PUBLISH = 3;
/** Flags each packet type must carry in its fixed header (PUBLISH's carry dup, QoS and retain). */
const REQUIRED_FLAGS: Record<number, number> = { 1: 0, 2: 0, 4: 0, 5: 0, 6: 2, 7: 0, 8: 2, 9: 0, 10: 2, 11: 0, 12: 0, 13: 0, 14: 0, 15: 0 };
/** Packets whose 3.1.1 form has a fixed remaining length, which MQTT 5 extends with reason codes and properties. */
const V311_LENGTH: Partial<Record<Packet['cmd'], number>> = {
  connack: 2,
  puback: 2,
  pubrec: 2,
  pubrel: 2,
  pubcomp: 2,
  unsuback: 2,
  disconnect: 0,
};

/** The fixed headers of the packets in `bytes`, or undefined when one is not a valid MQTT header. */
export function packetSpans(bytes: Uint8Array): PacketSpan[] | undefined {
  const spans: PacketSpan[] = [];
  let at = 0;
  while (at < bytes.length) {
    const type = bytes[at] >> 4;
    const flags = bytes[at] & 0x0f;
    if (type === 0) return undefined;
    if (type === PUBLISH ? (flags & 0x06) === 0x06 : REQUIRED_FLAGS[type] !== flags) return undefined;
    let length = 0;
    let index = at + 1;
    for (let shift = 0; ; shift += 7) {
      // The frame ends inside the length: the packet is cut before its body.
      if (index >= bytes.length) return [...spans, { type, flags, start: at, bodyStart: index, end: Infinity }];
      if (shift > 21) return undefined;
      const byte = bytes[index++];
      length += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) break;
    }
    spans.push({ type, flags, start: at, bodyStart: index, end: index + length });
    at = index + length;
  }
  return spans;
}

export type MqttRead = { ok: true; packets: Packet[]; version: MqttVersion } | { ok: false; error: string };

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Reads every packet of `bytes` at `version` (a CONNECT among them sets the version after it). */
function readAt(bytes: Uint8Array, version: MqttVersion): MqttRead {
  const packets: Packet[] = [];
  let failure: string | undefined;
  let left = 0;
  let level = version;
  try {
    const reader = parser({ protocolVersion: version });
    reader.on('packet', (packet: Packet) => {
      packets.push(packet);
      if (packet.cmd === 'connect' && packet.protocolVersion) level = packet.protocolVersion;
    });
    reader.on('error', (error: unknown) => {
      failure ??= errorText(error);
    });
    left = reader.parse(asBuffer(bytes));
  } catch (error) {
    failure ??= errorText(error);
  }
  if (failure) return { ok: false, error: failure };
  if (left > 0) return { ok: false, error: `the last packet is cut: ${left} bytes of it in the frame` };
  return { ok: true, packets, version: level };
}

/** True when the 3.1.1 reading holds what MQTT 5 looks like when read as 3.1.1 (see above). */
function looksLikeV5(packets: readonly Packet[]): boolean {
  return packets.some((packet) => {
    const fixed = V311_LENGTH[packet.cmd];
    return packet.cmd === 'publish' || (fixed !== undefined && packet.length !== fixed);
  });
}

/** Reads a whole frame's packets, choosing 3.1.1 or 5 as described above. */
export function readPackets(bytes: Uint8Array): MqttRead {
  if (bytes[0] >> 4 === CONNECT) return readAt(bytes, 4);
  const v311 = readAt(bytes, 4);
  const v5 = readAt(bytes, 5);
  if (v311.ok && !(v5.ok && looksLikeV5(v311.packets))) return v311;
  if (v5.ok) return v5;
  return v311.ok ? v311 : { ok: false, error: v311.error === v5.error ? v311.error : `${v311.error} (as MQTT 5: ${v5.error})` };
}

/** A cut packet given a remaining length that ends at the frame's end, so its start can be read. */
export function reframeCut(bytes: Uint8Array, span: PacketSpan): Uint8Array {
  const body = bytes.subarray(span.bodyStart);
  const length: number[] = [];
  let rest = body.length;
  do {
    length.push((rest & 0x7f) | (rest > 0x7f ? 0x80 : 0));
    rest >>= 7;
  } while (rest > 0);
  const out = new Uint8Array(1 + length.length + body.length);
  out[0] = bytes[span.start];
  out.set(length, 1);
  out.set(body, 1 + length.length);
  return out;
}
