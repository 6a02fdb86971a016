/**
 * A Phoenix channels endpoint at /socket/websocket speaking the V2 serializer (vsn=2.0.0): JSON messages as
 * [join_ref, ref, topic, event, payload] arrays, binary pushes and broadcasts in Phoenix's binary layout.
 * It answers heartbeats on topic "phoenix", phx_join (ok on room:lobby, an error elsewhere), pushes with a
 * phx_reply, broadcasts each new_msg to the topic's members, answers a binary upload with a binary broadcast,
 * and phx_leave with a reply then phx_close.
 */
import type { WebSocket } from 'ws';
import { WebSocketServer } from 'ws';
import { ROOT } from '../paths';
import type { RouteServer } from '../route-server';
import { type ProtocolFixture, servePage } from './fixture';

type Ref = string | null;
/** A V2 message; a binary push carries its payload as bytes. */
export interface PhoenixMessage {
  joinRef: Ref;
  ref: Ref;
  topic: string;
  event: string;
  payload: unknown;
}

export const PHOENIX_OPEN_TOPIC = 'room:lobby';
/** How often the page's client sends its heartbeat. */
export const PHOENIX_HEARTBEAT_MS = 500;

const BINARY_PUSH = 0;
const BINARY_BROADCAST = 2;

/** Decodes a binary push: kind, four sizes (join_ref, ref, topic, event), the four strings, then the payload. */
export function decodeBinaryPush(bytes: Buffer): PhoenixMessage {
  if (bytes.length < 5 || bytes[0] !== BINARY_PUSH) throw new Error(`not a binary push (kind ${bytes[0]})`);
  const fields: string[] = [];
  let offset = 5;
  for (const size of bytes.subarray(1, 5)) {
    if (offset + size > bytes.length) throw new Error('a binary push cut short');
    fields.push(bytes.toString('utf8', offset, offset + size));
    offset += size;
  }
  const [joinRef, ref, topic, event] = fields;
  return { joinRef, ref, topic, event, payload: bytes.subarray(offset) };
}

/** Encodes a binary broadcast: kind, topic and event sizes, the two strings, then the payload. */
export function encodeBinaryBroadcast(topic: string, event: string, payload: Buffer): Buffer {
  const [t, e] = [Buffer.from(topic), Buffer.from(event)];
  return Buffer.concat([Buffer.from([BINARY_BROADCAST, t.length, e.length]), t, e, payload]);
}

export function attachPhoenix(server: RouteServer): ProtocolFixture<PhoenixMessage> {
  const received: PhoenixMessage[] = [];
  const members = new Map<WebSocket, Map<string, Ref>>(); // socket → topic → join_ref
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  let accepted = 0;

  wss.on('connection', (ws, req) => {
    const vsn = new URL(req.url ?? '/', 'http://x').searchParams.get('vsn');
    if (vsn !== '2.0.0') {
      ws.close(1008, `unsupported vsn ${vsn}`);
      return;
    }
    const joined = new Map<string, Ref>();
    members.set(ws, joined);
    ws.on('close', () => members.delete(ws));
    const push = (m: PhoenixMessage) => ws.send(JSON.stringify([m.joinRef, m.ref, m.topic, m.event, m.payload]));
    const reply = (m: PhoenixMessage, status: 'ok' | 'error', response: unknown) =>
      push({ joinRef: m.joinRef, ref: m.ref, topic: m.topic, event: 'phx_reply', payload: { status, response } });

    ws.on('message', (data, isBinary) => {
      const raw = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      let message: PhoenixMessage;
      try {
        message = isBinary ? decodeBinaryPush(raw) : parseJsonMessage(raw.toString());
      } catch (error) {
        ws.close(1003, (error as Error).message.slice(0, 100));
        return;
      }
      received.push(message);
      const { topic, event } = message;
      if (topic === 'phoenix' && event === 'heartbeat') return reply(message, 'ok', {});
      if (event === 'phx_join') {
        if (topic !== PHOENIX_OPEN_TOPIC) return reply(message, 'error', { reason: 'unauthorized' });
        joined.set(topic, message.joinRef);
        return reply(message, 'ok', { welcome: topic });
      }
      if (!joined.has(topic)) return reply(message, 'error', { reason: 'unmatched topic' });
      if (event === 'phx_leave') {
        joined.delete(topic);
        reply(message, 'ok', {});
        return push({ joinRef: message.joinRef, ref: message.joinRef, topic, event: 'phx_close', payload: {} });
      }
      if (event === 'new_msg') {
        reply(message, 'ok', { accepted: ++accepted });
        for (const [socket, topics] of members) {
          if (topics.has(topic)) socket.send(JSON.stringify([null, null, topic, 'new_msg', message.payload]));
        }
        return;
      }
      if (event === 'upload' && Buffer.isBuffer(message.payload)) {
        reply(message, 'ok', { size: message.payload.length });
        return ws.send(encodeBinaryBroadcast(topic, 'uploaded', Buffer.from(message.payload).reverse()));
      }
      reply(message, 'error', { reason: `unknown event ${event}` });
    });
  });

  const url = server.ws('/socket/websocket', wss);
  const page = servePage(
    server,
    'phoenix',
    { '/lib/phoenix.js': `${ROOT}node_modules/phoenix/priv/static/phoenix.min.js` },
    {
      endpoint: `${server.wsOrigin}/socket`,
      topic: PHOENIX_OPEN_TOPIC,
      heartbeatMs: PHOENIX_HEARTBEAT_MS,
    },
  );
  return { page, url, received, close: async () => wss.close() };
}

function parseJsonMessage(text: string): PhoenixMessage {
  const value = JSON.parse(text) as unknown;
  if (!Array.isArray(value) || value.length !== 5) throw new Error('a V2 message is a five-element array');
  const [joinRef, ref, topic, event, payload] = value as [Ref, Ref, string, string, unknown];
  return { joinRef, ref, topic, event, payload };
}
