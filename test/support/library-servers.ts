/**
 * Real WebSocket client libraries against their real servers from npm, all on one route server:
 * the client bundles are served from node_modules under /lib/, and each server does a small,
 * deterministic exchange that the page in fixtures/capture/libraries.js drives.
 */
import { createRequire } from 'node:module';
import { useServer } from 'graphql-ws/use/ws';
import { Server as SocketIoServer } from 'socket.io';
import { WebSocketServer } from 'ws';
import { countSchema as schema } from './graphql-schema';
import { ROOT } from './paths';
import type { RouteServer } from './route-server';

const require = createRequire(import.meta.url);

/** The client bundles, as the page loads them: path → file in node_modules (not all packages export them). */
export const CLIENT_BUNDLES = {
  '/lib/socket.io.js': `${ROOT}node_modules/socket.io-client/dist/socket.io.min.js`,
  '/lib/sockjs.js': `${ROOT}node_modules/sockjs-client/dist/sockjs.min.js`,
  '/lib/graphql-ws.js': `${ROOT}node_modules/graphql-ws/umd/graphql-ws.min.js`,
  '/lib/reconnecting-websocket.js': `${ROOT}node_modules/reconnecting-websocket/dist/reconnecting-websocket-iife.min.js`,
} as const;

// sockjs ships no types; this is the part of its API used here.
interface SockJsConnection {
  on(event: 'data', listener: (message: string) => void): void;
  write(message: string): void;
}
interface SockJsModule {
  createServer(options: { prefix: string; log: () => void }): {
    on(event: 'connection', listener: (conn: SockJsConnection) => void): void;
    installHandlers(server: RouteServer['http']): void;
  };
}

/** Attaches all four servers to `server`; returns a function that stops those that need stopping. */
export function attachLibraryServers(server: RouteServer): () => Promise<void> {
  for (const [path, file] of Object.entries(CLIENT_BUNDLES)) server.file(path, file);

  // socket.io, websocket transport only: an event with a binary attachment, an ack, a server disconnect.
  const io = new SocketIoServer(server.http, { transports: ['websocket'], serveClient: false, destroyUpgrade: false });
  io.on('connection', (socket) => {
    socket.emit('welcome', { n: 1, bin: Buffer.from([1, 2, 3]) });
    socket.on('hello', (payload: { text: string; data: Buffer }, ack: (reply: unknown) => void) => {
      ack({ got: payload.text, bytes: payload.data.length, first: payload.data[0] });
    });
    socket.on('bye', () => socket.disconnect(true));
  });

  // SockJS: an echo that prefixes what it sends back.
  const sockjs = (require('sockjs') as SockJsModule).createServer({ prefix: '/sockjs', log: () => undefined });
  sockjs.on('connection', (conn) => conn.on('data', (message) => conn.write(`echo: ${message}`)));
  sockjs.installHandlers(server.http);

  // graphql-ws: a query and a three-step subscription.
  const graphql = new WebSocketServer({ noServer: true });
  const stopGraphql = useServer({ schema }, graphql);
  server.ws('/graphql', graphql);

  // For reconnecting-websocket: each run connects twice, and the server closes the first of the two
  // after one echo (so every odd connection).
  const flaky = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  let connections = 0;
  flaky.on('connection', (ws) => {
    const first = ++connections % 2 === 1;
    ws.on('message', (data, isBinary) => {
      ws.send(data as Buffer, { binary: isBinary });
      if (first) ws.close(4001, 'go away once');
    });
  });
  server.ws('/flaky', flaky);

  return async () => {
    await stopGraphql.dispose();
    await new Promise<void>((resolve) => io.close(() => resolve()));
  };
}
