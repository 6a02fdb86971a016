/**
 * Every protocol fixture on one route server (127.0.0.1, an OS-chosen port). Start it once per test file and
 * close it at the end. Do not add the library servers of ../library-servers.ts to the same route server:
 * both attach socket.io at /socket.io/ and SockJS at /sockjs.
 */
import { type RouteServer, startRouteServer } from '../route-server';
import type { ProtocolFixture } from './fixture';
import { attachGraphqlWs, type GraphqlReceived } from './graphql-ws';
import { attachJsonRpc } from './json-rpc';
import { attachMqtt, type MqttReceived } from './mqtt';
import { attachPhoenix, type PhoenixMessage } from './phoenix';
import { attachSignalr, type SignalrFixture } from './signalr';
import { attachSocketIo, type SocketIoReceived } from './socketio';
import { attachSockJs } from './sockjs';
import { attachStomp, type StompReceived } from './stomp';
import { attachWamp } from './wamp';

export interface ProtocolServers {
  server: RouteServer;
  socketio: ProtocolFixture<SocketIoReceived>;
  sockjs: ProtocolFixture<string>;
  graphqlWs: ProtocolFixture<GraphqlReceived>;
  mqtt: ProtocolFixture<MqttReceived>;
  /** The same broker exchange at /mqtt-split, each packet cut over several frames as aedes writes it. */
  mqttSplit: ProtocolFixture<MqttReceived>;
  stomp: ProtocolFixture<StompReceived>;
  signalr: SignalrFixture;
  phoenix: ProtocolFixture<PhoenixMessage>;
  jsonRpc: ProtocolFixture<unknown>;
  wamp: ProtocolFixture<unknown[]>;
  /** Stops every fixture, then the route server. */
  close(): Promise<void>;
}

export async function startProtocolServers(): Promise<ProtocolServers> {
  const server = await startRouteServer();
  try {
    const fixtures = {
      socketio: attachSocketIo(server),
      sockjs: attachSockJs(server),
      graphqlWs: attachGraphqlWs(server),
      mqtt: await attachMqtt(server),
      mqttSplit: await attachMqtt(server, { splitPackets: true, path: '/mqtt-split' }),
      stomp: attachStomp(server),
      signalr: attachSignalr(server),
      phoenix: attachPhoenix(server),
      jsonRpc: attachJsonRpc(server),
      wamp: attachWamp(server),
    };
    return {
      server,
      ...fixtures,
      async close() {
        await Promise.all(Object.values(fixtures).map((f) => f.close()));
        await server.close();
      },
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}
