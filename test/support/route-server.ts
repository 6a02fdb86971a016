/**
 * A fixture HTTP server with routes, for tests that need more than servers.ts offers: files from disk
 * (client library bundles from node_modules), hand-written handlers (a 204 that never commits a
 * navigation, a slow page), and WebSocket endpoints by path, to which real library servers can also
 * attach. Binds 127.0.0.1 on an OS-chosen port; the test that starts it closes it.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface RouteServer {
  origin: string;
  wsOrigin: string;
  /** The Node server, for library servers that attach themselves (socket.io, sockjs). */
  http: Server;
  page(path: string, html: string): string;
  /** Serves a file from disk, e.g. a client bundle from node_modules. */
  file(path: string, absolutePath: string, contentType?: string): string;
  route(path: string, handler: Handler): string;
  /** Routes WebSocket upgrades for `path` to `wss` (made with `noServer: true`). */
  ws(path: string, wss: WebSocketServer): string;
  /** An echo endpoint at `path` with perMessageDeflate off, so that frames cross the wire as sent. */
  echo(path: string): string;
  close(): Promise<void>;
}

export async function startRouteServer(): Promise<RouteServer> {
  const routes = new Map<string, Handler>();
  const upgrades = new Map<string, WebSocketServer>();
  const sockets = new Set<WebSocket>();
  const http = createServer((req, res) => {
    const handler = routes.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (handler) handler(req, res);
    else res.writeHead(404).end('not found');
  });
  // Only our paths are taken here; library servers listen to 'upgrade' for theirs.
  http.on('upgrade', (req, socket, head) => {
    const wss = upgrades.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (!wss) return;
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      wss.emit('connection', ws, req);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const wsOrigin = `ws://127.0.0.1:${port}`;
  const server: RouteServer = {
    origin,
    wsOrigin,
    http,
    route(path, handler) {
      routes.set(path, handler);
      return origin + path;
    },
    page(path, html) {
      return server.route(path, (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
      });
    },
    file(path, absolutePath, contentType = 'text/javascript; charset=utf-8') {
      return server.route(path, (_req, res) => {
        readFile(absolutePath).then(
          (body) => res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body),
          () => res.writeHead(500).end(`cannot read ${absolutePath}`),
        );
      });
    },
    ws(path, wss) {
      upgrades.set(path, wss);
      return wsOrigin + path;
    },
    echo(path) {
      // ws's default limit is exactly 100 MiB; tests send that much, so leave room.
      const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 256 * 2 ** 20 });
      wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data as Buffer, { binary: isBinary })));
      return server.ws(path, wss);
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      for (const wss of upgrades.values()) wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
  return server;
}
