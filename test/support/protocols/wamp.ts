/**
 * A WAMP v2 router at /wamp (subprotocol wamp.2.json, https://wamp-proto.org/spec.html), basic profile, one
 * realm: HELLO → WELCOME (ABORT for another realm), CALL → RESULT (ERROR for an unknown procedure),
 * SUBSCRIBE → SUBSCRIBED, PUBLISH → EVENT to subscribers (the publisher too, unless exclude_me) and PUBLISHED
 * when acknowledge is set, GOODBYE → GOODBYE.
 */
import type { WebSocket } from 'ws';
import { WebSocketServer } from 'ws';
import type { RouteServer } from '../route-server';
import { type ProtocolFixture, servePage } from './fixture';

export const WAMP_SUBPROTOCOL = 'wamp.2.json';
export const WAMP_REALM = 'realm1';

/** WAMP message codes used here. */
export const WAMP = {
  HELLO: 1,
  WELCOME: 2,
  ABORT: 3,
  GOODBYE: 6,
  ERROR: 8,
  PUBLISH: 16,
  PUBLISHED: 17,
  SUBSCRIBE: 32,
  SUBSCRIBED: 33,
  EVENT: 36,
  CALL: 48,
  RESULT: 50,
} as const;

const PROCEDURES: Record<string, (args: unknown[]) => unknown[]> = {
  'com.example.add': (args) => [(args[0] as number) + (args[1] as number)],
};

export function attachWamp(server: RouteServer): ProtocolFixture<unknown[]> {
  const received: unknown[][] = [];
  const subscriptions = new Map<string, { id: number; sockets: Set<WebSocket> }>(); // topic →
  let nextId = 0; // session, subscription and publication ids, from one counter so that runs are deterministic
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (offered) => (offered.has(WAMP_SUBPROTOCOL) ? WAMP_SUBPROTOCOL : false),
  });

  wss.on('connection', (ws) => {
    let session: number | null = null;
    const send = (message: unknown[]) => ws.send(JSON.stringify(message));
    ws.on('close', () => {
      for (const s of subscriptions.values()) s.sockets.delete(ws);
    });
    ws.on('message', (data) => {
      let message: unknown[];
      try {
        message = JSON.parse(data.toString());
        if (!Array.isArray(message) || typeof message[0] !== 'number') throw new Error('not a WAMP message');
      } catch {
        ws.close(1003, 'protocol violation');
        return;
      }
      received.push(message);
      const [code] = message;
      if (session === null) {
        if (code !== WAMP.HELLO) return ws.close(1002, 'HELLO first');
        if (message[1] !== WAMP_REALM) return send([WAMP.ABORT, {}, 'wamp.error.no_such_realm']);
        session = ++nextId;
        return send([WAMP.WELCOME, session, { roles: { broker: {}, dealer: {} }, authid: 'anonymous' }]);
      }
      switch (code) {
        case WAMP.CALL: {
          const [, request, , procedure, args = []] = message as [number, number, object, string, unknown[]?];
          const run = Object.hasOwn(PROCEDURES, procedure) ? PROCEDURES[procedure] : undefined;
          if (!run) return send([WAMP.ERROR, WAMP.CALL, request, {}, 'wamp.error.no_such_procedure']);
          return send([WAMP.RESULT, request, {}, run(args)]);
        }
        case WAMP.SUBSCRIBE: {
          const [, request, , topic] = message as [number, number, object, string];
          const subscription = subscriptions.get(topic) ?? { id: ++nextId, sockets: new Set() };
          subscription.sockets.add(ws);
          subscriptions.set(topic, subscription);
          return send([WAMP.SUBSCRIBED, request, subscription.id]);
        }
        case WAMP.PUBLISH: {
          const [, request, options, topic, args = [], kwargs = {}] = message as [
            number,
            number,
            { acknowledge?: boolean; exclude_me?: boolean },
            string,
            unknown[]?,
            object?,
          ];
          const publication = ++nextId;
          const subscription = subscriptions.get(topic);
          for (const socket of subscription?.sockets ?? []) {
            if (socket === ws && options.exclude_me !== false) continue;
            socket.send(JSON.stringify([WAMP.EVENT, subscription?.id, publication, {}, args, kwargs]));
          }
          if (options.acknowledge) send([WAMP.PUBLISHED, request, publication]);
          return;
        }
        case WAMP.GOODBYE:
          send([WAMP.GOODBYE, {}, 'wamp.close.goodbye_and_out']);
          return ws.close(1000);
        default:
          ws.close(1002, `unsupported message ${code}`);
      }
    });
  });
  const url = server.ws('/wamp', wss);
  const page = servePage(server, 'wamp', {}, { url, realm: WAMP_REALM });
  return { page, url, received, close: async () => wss.close() };
}
