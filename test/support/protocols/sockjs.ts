/**
 * A SockJS server (the `sockjs` package, prefix /sockjs) for sockjs-client on its websocket transport:
 * the open frame, echoes of what the page sends, one `h` heartbeat frame on request, and a server close
 * (a `c[3001,"bye"]` frame).
 */
import { createRequire } from 'node:module';
import { ROOT } from '../paths';
import type { RouteServer } from '../route-server';
import { type ProtocolFixture, servePage } from './fixture';

const require = createRequire(import.meta.url);

// sockjs ships no types; this is the part of its API used here.
interface SockJsConnection {
  on(event: 'data', listener: (message: string) => void): void;
  write(message: string): void;
  close(code: number, reason: string): void;
  /**
   * Private: on the websocket transport the sockjs server sends its heartbeats as WebSocket pings (control
   * frames, which neither the page nor a capture sees), while other SockJS servers (Spring, Tornado) send the
   * `h` frame. Its receiver writes that frame on demand.
   */
  _session: { recv: { doSendFrame(frame: string): void } | null };
}
interface SockJsModule {
  createServer(options: { prefix: string; log: () => void }): {
    on(event: 'connection', listener: (conn: SockJsConnection) => void): void;
    installHandlers(server: RouteServer['http']): void;
  };
}

/** What the page sends to ask for a heartbeat frame, and for the server to close. */
export const SOCKJS_HEARTBEAT_REQUEST = 'heartbeat please';
export const SOCKJS_CLOSE_REQUEST = 'close please';

export function attachSockJs(server: RouteServer): ProtocolFixture<string> {
  const received: string[] = [];
  const sockjs = (require('sockjs') as SockJsModule).createServer({ prefix: '/sockjs', log: () => undefined });
  sockjs.on('connection', (conn) => {
    conn.on('data', (message) => {
      received.push(message);
      if (message === SOCKJS_HEARTBEAT_REQUEST) conn._session.recv?.doSendFrame('h');
      else if (message === SOCKJS_CLOSE_REQUEST) conn.close(3001, 'bye');
      else conn.write(`echo: ${message}`);
    });
  });
  sockjs.installHandlers(server.http);
  const page = servePage(
    server,
    'sockjs',
    { '/lib/sockjs.js': `${ROOT}node_modules/sockjs-client/dist/sockjs.min.js` },
    {
      url: `${server.origin}/sockjs`,
      heartbeatRequest: SOCKJS_HEARTBEAT_REQUEST,
      closeRequest: SOCKJS_CLOSE_REQUEST,
    },
  );
  // sockjs has no close of its own: its sessions end with the HTTP server's connections.
  return { page, url: `${server.wsOrigin}/sockjs/`, received, close: async () => undefined };
}
