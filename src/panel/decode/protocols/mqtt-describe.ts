/** One MQTT packet (as mqtt-packet reads it) as a timeline message: summary, fields, pairing and body. */
import type { Packet } from 'mqtt-packet';
import type { DecodedMessage, Frame, PairHint } from '../types';
import { otherDir, payloadValue } from './binary-text';
import type { MqttVersion } from './mqtt-read';

const VERSION_LABEL: Record<MqttVersion, string> = { 3: '3.1', 4: '3.1.1', 5: '5' };
const MAX_TOPICS_SHOWN = 5;

/** Packet fields as plain data: Buffers (payloads, passwords, correlation data) become text when printable, else byte copies. */
function plainData(value: unknown, depth = 0): unknown {
  if (value instanceof Uint8Array) return payloadValue(value);
  if (Array.isArray(value)) return value.map((item) => plainData(item, depth + 1));
  if (typeof value === 'object' && value !== null && depth < 4) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = plainData(item, depth + 1);
    return out;
  }
  return value;
}

function reasonOf(packet: Packet): number | undefined {
  const shape = packet as { reasonCode?: number; returnCode?: number };
  return shape.reasonCode ?? shape.returnCode;
}

function topicsText(topics: readonly string[]): string {
  const shown = topics.slice(0, MAX_TOPICS_SHOWN).join(', ');
  return topics.length > MAX_TOPICS_SHOWN ? `${shown} +${topics.length - MAX_TOPICS_SHOWN}` : shown;
}

interface Described {
  summary: string;
  topic?: string;
  pair?: PairHint;
  heartbeat?: boolean;
}

/**
 * Packet ids are shared by PUBLISH, SUBSCRIBE and UNSUBSCRIBE among the packets one side has in flight,
 * so one key shape serves them all: `mqtt:<dir of the side that sent the first packet>:<id>`.
 */
function describe(packet: Packet, dir: Frame['dir'], version: MqttVersion): Described {
  const id = packet.messageId;
  const mine = `mqtt:${dir}:${id}`;
  const theirs = `mqtt:${otherDir(dir)}:${id}`;
  const reason = reasonOf(packet);
  const failed = reason !== undefined && reason >= 0x80;
  const reasonText = reason ? ` reason ${reason}` : '';
  switch (packet.cmd) {
    case 'connect':
      return {
        summary: `CONNECT ${packet.clientId || '(no client id)'} v${VERSION_LABEL[packet.protocolVersion ?? version]}`,
        pair: { key: 'mqtt:connect', role: 'request', name: 'CONNECT' },
      };
    case 'connack':
      return {
        summary: `CONNACK ${reason ? `refused ${reason}` : 'accepted'}${packet.sessionPresent ? ' session present' : ''}`,
        pair: { key: 'mqtt:connect', role: 'response', error: Boolean(reason) },
      };
    case 'publish': {
      const alias = packet.properties?.topicAlias;
      const topic = packet.topic || (alias !== undefined ? `(alias ${alias})` : '');
      const flags = `${packet.retain ? ' retain' : ''}${packet.dup ? ' dup' : ''}`;
      const summary = `PUBLISH ${topic} qos${packet.qos}${packet.qos > 0 ? ` #${id}` : ''}${flags}`;
      return { summary, topic, pair: packet.qos > 0 ? { key: mine, role: 'request', name: topic } : undefined };
    }
    case 'puback':
      return { summary: `PUBACK #${id}${reasonText}`, pair: { key: theirs, role: 'response', error: failed } };
    case 'pubrec':
      return { summary: `PUBREC #${id}${reasonText}`, pair: { key: theirs, role: 'next', error: failed } };
    case 'pubrel':
      return { summary: `PUBREL #${id}${reasonText}`, pair: { key: mine, role: 'next', error: failed } };
    case 'pubcomp':
      return { summary: `PUBCOMP #${id}${reasonText}`, pair: { key: theirs, role: 'end', error: failed } };
    case 'subscribe': {
      const topics = packet.subscriptions.map((subscription) => subscription.topic);
      return {
        summary: `SUBSCRIBE #${id} ${topicsText(topics)}`,
        topic: topics.join(' '),
        pair: { key: mine, role: 'request', name: 'SUBSCRIBE' },
      };
    }
    case 'suback': {
      const granted = packet.granted.map(Number);
      const error = granted.some((code) => code >= 0x80);
      return { summary: `SUBACK #${id} granted ${granted.join(',')}`, pair: { key: theirs, role: 'response', error } };
    }
    case 'unsubscribe':
      return {
        summary: `UNSUBSCRIBE #${id} ${topicsText(packet.unsubscriptions)}`,
        topic: packet.unsubscriptions.join(' '),
        pair: { key: mine, role: 'request', name: 'UNSUBSCRIBE' },
      };
    case 'unsuback': {
      const codes = ((packet as { granted?: number[] }).granted ?? []).map(Number);
      return { summary: `UNSUBACK #${id}`, pair: { key: theirs, role: 'response', error: codes.some((code) => code >= 0x80) } };
    }
    case 'pingreq':
      return { summary: 'PINGREQ', heartbeat: true, pair: { key: 'mqtt:ping', role: 'request', name: 'PINGREQ' } };
    case 'pingresp':
      return { summary: 'PINGRESP', heartbeat: true, pair: { key: 'mqtt:ping', role: 'response' } };
    case 'disconnect':
      return { summary: `DISCONNECT${reasonText}` };
    case 'auth':
      return { summary: `AUTH${reasonText}` };
  }
}

export function packetMessage(packet: Packet, dir: Frame['dir'], version: MqttVersion): DecodedMessage {
  const described = describe(packet, dir, version);
  const type = packet.cmd.toUpperCase();
  const fields: DecodedMessage['fields'] = { type };
  if (described.topic) fields.topic = described.topic;
  if (packet.messageId !== undefined) fields.id = String(packet.messageId);
  const { cmd: _cmd, ...rest } = packet as Packet & Record<string, unknown>;
  const message: DecodedMessage = {
    summary: described.summary,
    fields,
    body: { type, mqttVersion: VERSION_LABEL[version], ...(plainData(rest) as object) },
  };
  if (described.pair) message.pair = described.pair;
  if (described.heartbeat) message.heartbeat = true;
  return message;
}
