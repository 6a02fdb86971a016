/**
 * socket.io 4 on the route server (websocket transport only, default path /socket.io/): an event answered by
 * an ack, an event with a binary attachment both ways, a second namespace multiplexed on the same socket with
 * its own ack, an Engine.IO ping/pong (a short ping interval), and a server-side disconnect.
 */
import { Server } from 'socket.io';
import { ROOT } from '../paths';
import type { RouteServer } from '../route-server';
import { type ProtocolFixture, servePage } from './fixture';

export type SocketIoReceived = ['chat', { text: string }] | ['upload', { name: string; bytes: number[] }] | ['/admin stats'] | ['bye'];

/** Engine.IO pings this often, so that the page sees one ping/pong in a short run. */
export const SOCKETIO_PING_INTERVAL_MS = 300;

export function attachSocketIo(server: RouteServer): ProtocolFixture<SocketIoReceived> {
  const received: SocketIoReceived[] = [];
  const io = new Server(server.http, {
    transports: ['websocket'],
    serveClient: false,
    // Other fixtures share this HTTP server: leave their upgrades alone.
    destroyUpgrade: false,
    pingInterval: SOCKETIO_PING_INTERVAL_MS,
  });
  io.on('connection', (socket) => {
    socket.on('chat', (message: { text: string }, ack: (reply: unknown) => void) => {
      received.push(['chat', message]);
      ack({ ok: true, echoed: message.text });
    });
    socket.on('upload', (file: { name: string; data: Buffer }) => {
      received.push(['upload', { name: file.name, bytes: [...file.data] }]);
      socket.emit('stored', { name: file.name, size: file.data.length, reversed: Buffer.from([...file.data].reverse()) });
    });
    socket.on('bye', () => {
      received.push(['bye']);
      socket.disconnect(true);
    });
  });
  io.of('/admin').on('connection', (socket) => {
    socket.on('stats', (ack: (reply: unknown) => void) => {
      received.push(['/admin stats']);
      ack({ users: 1 });
    });
  });
  const page = servePage(
    server,
    'socketio',
    { '/lib/socket.io.js': `${ROOT}node_modules/socket.io-client/dist/socket.io.min.js` },
    {
      origin: server.origin,
    },
  );
  return {
    page,
    url: `${server.wsOrigin}/socket.io/`,
    received,
    close: () => new Promise<void>((resolve) => io.close(() => resolve())),
  };
}
