/**
 * The bench's own server: one HTTP server on 127.0.0.1 and an OS-chosen port that serves pages from
 * memory, and an echo WebSocket endpoint at /echo that keeps nothing (the test fixture server records
 * every message, which a million-message bench cannot afford).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface BenchServer {
  origin: string;
  wsOrigin: string;
  /** Serves `html` at `path` (e.g. "/flood.html") and returns its URL. */
  page(path: string, html: string): string;
  close(): Promise<void>;
}

export async function startBenchServer(): Promise<BenchServer> {
  const pages = new Map<string, string>();
  const http = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const html = pages.get(path);
    if (html === undefined) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  });
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false, maxPayload: 64 << 20 });
  const sockets = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', () => undefined);
    ws.on('message', (data, isBinary) => ws.send(data as Buffer, { binary: isBinary }));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    wsOrigin: `ws://127.0.0.1:${port}`,
    page(path, html) {
      pages.set(path, html);
      return origin + path;
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
