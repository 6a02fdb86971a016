/**
 * A SignalR hub at /hub that speaks both hub protocols (JSON and MessagePack, chosen by the handshake):
 * negotiate (POST /hub/negotiate?negotiateVersion=1, WebSockets only), the WebSocket with `?id=<connectionToken>`,
 * the handshake, a Ping from the server, and hub methods: Add → a Completion with a result, SendMessage → a
 * server-to-client ReceiveMessage Invocation then a void Completion, Fail and unknown methods → a Completion
 * with an error, Notify (sent without an invocationId) → nothing.
 */
import type { IncomingMessage } from 'node:http';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { ROOT } from '../paths';
import type { RouteServer } from '../route-server';
import { type ProtocolFixture, servePage } from './fixture';
import { decodeMessages, encodeMessages, type HubMessage, type HubProtocolName, RECORD_SEPARATOR } from './signalr-frames';

/** What the hub received: the handshake, then every hub message, with the protocol they came in. */
export type SignalrReceived = { protocol: HubProtocolName; handshake: true } | { protocol: HubProtocolName; message: HubMessage };

export interface SignalrFixture extends ProtocolFixture<SignalrReceived> {
  /** The same exchange with the MessagePack hub protocol (`page` uses JSON). */
  msgpackPage: string;
  /** Negotiate requests served, as their query strings (e.g. "negotiateVersion=1"). */
  negotiations: string[];
}

const BUNDLES = {
  '/lib/signalr.js': `${ROOT}node_modules/@microsoft/signalr/dist/browser/signalr.min.js`,
  '/lib/signalr-protocol-msgpack.js': `${ROOT}node_modules/@microsoft/signalr-protocol-msgpack/dist/browser/signalr-protocol-msgpack.min.js`,
};

const toBytes = (data: RawData) => new Uint8Array(Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer));

/** The hub's answer to one message from the client. */
function answer(message: HubMessage): HubMessage[] {
  if (message.type !== 1 || message.invocationId === undefined) return []; // pings, close, fire-and-forget sends
  const { invocationId, target, arguments: args } = message;
  switch (target) {
    case 'Add':
      return [{ type: 3, invocationId, result: (args[0] as number) + (args[1] as number) }];
    case 'SendMessage':
      return [
        { type: 1, target: 'ReceiveMessage', arguments: args },
        { type: 3, invocationId },
      ];
    case 'Fail':
      return [{ type: 3, invocationId, error: 'Fail always fails' }];
    default:
      return [{ type: 3, invocationId, error: `Unknown hub method '${target}'` }];
  }
}

export function attachSignalr(server: RouteServer): SignalrFixture {
  const received: SignalrReceived[] = [];
  const negotiations: string[] = [];
  const tokens = new Set<string>();
  let connections = 0;

  server.route('/hub/negotiate', (req, res) => {
    const query = new URL(req.url ?? '/', 'http://x').search.slice(1);
    negotiations.push(query);
    if (req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    const n = ++connections;
    tokens.add(`token-${n}`);
    const body = {
      negotiateVersion: 1,
      connectionId: `connection-${n}`,
      connectionToken: `token-${n}`,
      availableTransports: [{ transport: 'WebSockets', transferFormats: ['Text', 'Binary'] }],
    };
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  });

  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    const token = new URL(req.url ?? '/', 'http://x').searchParams.get('id') ?? '';
    if (!tokens.delete(token)) {
      ws.close(1008, 'unknown connection token');
      return;
    }
    let protocol: HubProtocolName | null = null;
    const send = (messages: HubMessage[]) => {
      if (protocol && messages.length) ws.send(encodeMessages(protocol, messages));
    };
    ws.on('message', (data) => {
      let bytes = toBytes(data);
      try {
        if (!protocol) {
          // The handshake request is JSON text ending in the record separator, whatever the hub protocol.
          const end = bytes.indexOf(RECORD_SEPARATOR.charCodeAt(0));
          if (end < 0) throw new Error('the handshake request must end with the record separator');
          const request = JSON.parse(new TextDecoder().decode(bytes.subarray(0, end))) as { protocol: string; version: number };
          if ((request.protocol !== 'json' && request.protocol !== 'messagepack') || request.version !== 1) {
            ws.send(
              `${JSON.stringify({ error: `Protocol '${request.protocol}' version ${request.version} is not supported` })}${RECORD_SEPARATOR}`,
            );
            ws.close(1000);
            return;
          }
          protocol = request.protocol;
          received.push({ protocol, handshake: true });
          // The response goes in the connection's transfer format: binary frames for MessagePack.
          const response = `{}${RECORD_SEPARATOR}`;
          ws.send(protocol === 'json' ? response : Buffer.from(response));
          send([{ type: 6 }]);
          bytes = bytes.subarray(end + 1);
          if (!bytes.length) return;
        }
        for (const message of decodeMessages(protocol, bytes)) {
          received.push({ protocol, message });
          if (message.type === 7) ws.close(1000);
          else send(answer(message));
        }
      } catch (error) {
        send([{ type: 7, error: `Connection closed with an error: ${(error as Error).message}`, allowReconnect: false }]);
        ws.close(1011);
      }
    });
  });
  const url = server.ws('/hub', wss);
  const config = (protocol: HubProtocolName) => ({ url: `${server.origin}/hub`, protocol });
  return {
    page: servePage(server, 'signalr', BUNDLES, config('json'), '/signalr-json.html'),
    msgpackPage: servePage(server, 'signalr', BUNDLES, config('messagepack'), '/signalr-msgpack.html'),
    url,
    received,
    negotiations,
    close: async () => wss.close(),
  };
}
