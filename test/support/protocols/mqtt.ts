/**
 * An aedes MQTT 3.1.1 broker over WebSocket at /mqtt (each socket wrapped as a duplex stream): the page's
 * `mqtt` client subscribes at QoS 1, publishes at QoS 1 (PUBACK), gets its message back (and acks it), pings
 * (PINGREQ/PINGRESP) and disconnects. By default the broker sends one whole packet per WebSocket frame, as
 * most brokers do; `{ splitPackets: true }` keeps aedes's own writes, each packet cut over several frames
 * (CONNACK as 20 | 02 | 00 | 00), which MQTT over WebSocket also allows.
 */
import { Aedes } from 'aedes';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { ROOT } from '../paths';
import type { RouteServer } from '../route-server';
import { type ProtocolFixture, servePage } from './fixture';
import { packetPerFrameStream } from './mqtt-framing';

export type MqttReceived =
  | ['subscribe', string, number]
  | ['publish', string, string, number]
  /** The page acked (PUBACK) a QoS 1 message the broker delivered to it. */
  | ['puback']
  | ['ping']
  | ['disconnect'];

export interface MqttOptions {
  /** Send each packet in the pieces aedes writes, one frame each (default false: one packet per frame). */
  splitPackets?: boolean;
  /** Where the broker listens (default /mqtt); the page is served at `${path}.html`. */
  path?: string;
}

export async function attachMqtt(server: RouteServer, options: MqttOptions = {}): Promise<ProtocolFixture<MqttReceived>> {
  const path = options.path ?? '/mqtt';
  const received: MqttReceived[] = [];
  const broker = await Aedes.createBroker();
  broker.on('subscribe', (subscriptions) => {
    for (const s of subscriptions) received.push(['subscribe', s.topic, s.qos]);
  });
  // The broker publishes $SYS topics itself (client null): only the page's publishes count.
  broker.on('publish', (packet, client) => {
    if (client) received.push(['publish', packet.topic, packet.payload.toString(), packet.qos]);
  });
  // aedes's memory store no longer has the acked packet here, so the event says only that a PUBACK came.
  broker.on('ack', () => received.push(['puback']));
  broker.on('ping', () => received.push(['ping']));
  broker.on('clientDisconnect', () => received.push(['disconnect']));

  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  wss.on('connection', (ws, req) => broker.handle(options.splitPackets ? createWebSocketStream(ws) : packetPerFrameStream(ws), req));
  const url = server.ws(path, wss);
  const page = servePage(server, 'mqtt', { '/lib/mqtt.js': `${ROOT}node_modules/mqtt/dist/mqtt.min.js` }, { url }, `${path}.html`);
  return { page, url, received, close: () => new Promise<void>((resolve) => broker.close(() => resolve())) };
}
