/**
 * A STOMP 1.2 broker at /stomp (subprotocol v12.stomp), small but as the specification says: CONNECT or STOMP
 * → CONNECTED (no heart-beats), SUBSCRIBE / UNSUBSCRIBE, SEND → MESSAGE to every subscriber of its destination,
 * RECEIPT for any frame with a `receipt` header, DISCONNECT, and ERROR (then close) for a frame it cannot accept.
 */
import type { WebSocket } from 'ws';
import { WebSocketServer } from 'ws';
import { ROOT } from '../paths';
import type { RouteServer } from '../route-server';
import { type ProtocolFixture, servePage } from './fixture';
import { header, parseFrames, type StompFrame, serializeFrame } from './stomp-frames';

export const STOMP_SUBPROTOCOL = 'v12.stomp';

/** A frame the broker received, or the reason it refused one (`ERROR: …`). */
export type StompReceived = { command: string; headers: Record<string, string>; body: string } | { error: string };

interface Subscription {
  ws: WebSocket;
  id: string;
  destination: string;
}

export function attachStomp(server: RouteServer): ProtocolFixture<StompReceived> {
  const received: StompReceived[] = [];
  const subscriptions: Subscription[] = [];
  let sessions = 0;
  let messages = 0;
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (offered) => (offered.has(STOMP_SUBPROTOCOL) ? STOMP_SUBPROTOCOL : false),
  });

  wss.on('connection', (ws) => {
    let connected = false;
    const send = (command: string, headers: [string, string][], body = '') => ws.send(serializeFrame(command, headers, body));
    const refuse = (why: string, frame?: StompFrame) => {
      received.push({ error: why });
      const receipt = frame && header(frame, 'receipt');
      send(
        'ERROR',
        [['message', why], ...(receipt ? [['receipt-id', receipt] as [string, string]] : []), ['content-type', 'text/plain']],
        why,
      );
      ws.close(1002, 'STOMP error');
    };
    const required = (frame: StompFrame, name: string) => {
      const value = header(frame, name);
      if (value === undefined) throw new Error(`${frame.command} without the ${name} header`);
      return value;
    };
    const handle = (frame: StompFrame) => {
      received.push({ command: frame.command, headers: Object.fromEntries([...frame.headers].reverse()), body: frame.body });
      if (!connected && frame.command !== 'CONNECT' && frame.command !== 'STOMP') throw new Error(`${frame.command} before CONNECT`);
      switch (frame.command) {
        case 'CONNECT':
        case 'STOMP': {
          const versions = required(frame, 'accept-version').split(',');
          if (!versions.includes('1.2')) throw new Error('this server only speaks STOMP 1.2');
          connected = true;
          send('CONNECTED', [
            ['version', '1.2'],
            ['heart-beat', '0,0'],
            ['server', 'socketscope-fixture/1.0'],
            ['session', `session-${++sessions}`],
          ]);
          return; // CONNECT takes no receipt
        }
        case 'SUBSCRIBE':
          subscriptions.push({ ws, id: required(frame, 'id'), destination: required(frame, 'destination') });
          break;
        case 'UNSUBSCRIBE': {
          const id = required(frame, 'id');
          const index = subscriptions.findIndex((s) => s.ws === ws && s.id === id);
          if (index < 0) throw new Error(`no subscription ${id}`);
          subscriptions.splice(index, 1);
          break;
        }
        case 'SEND': {
          const destination = required(frame, 'destination');
          const messageId = `message-${++messages}`;
          const contentType = header(frame, 'content-type') ?? 'text/plain';
          for (const s of subscriptions.filter((s) => s.destination === destination)) {
            const frameHeaders: [string, string][] = [
              ['subscription', s.id],
              ['message-id', messageId],
              ['destination', destination],
              ['content-type', contentType],
            ];
            s.ws.send(serializeFrame('MESSAGE', frameHeaders, frame.body));
          }
          break;
        }
        case 'DISCONNECT':
          break;
        default:
          throw new Error(`unknown command ${frame.command}`);
      }
      const receipt = header(frame, 'receipt');
      if (receipt !== undefined) send('RECEIPT', [['receipt-id', receipt]]);
      if (frame.command === 'DISCONNECT') ws.close(1000, 'bye');
    };

    ws.on('message', (data) => {
      let frame: StompFrame | undefined;
      try {
        for (frame of parseFrames(data.toString())) handle(frame);
      } catch (error) {
        refuse((error as Error).message, frame);
      }
    });
    ws.on('close', () => {
      for (let i = subscriptions.length - 1; i >= 0; i--) if (subscriptions[i].ws === ws) subscriptions.splice(i, 1);
    });
  });

  const url = server.ws('/stomp', wss);
  const page = servePage(server, 'stomp', { '/lib/stomp.js': `${ROOT}node_modules/@stomp/stompjs/bundles/stomp.umd.min.js` }, { url });
  return { page, url, received, close: async () => wss.close() };
}
