/**
 * Fixture servers for browser tests: one HTTP server on 127.0.0.1 and an OS-chosen port that serves
 * test pages from memory and an echo WebSocket endpoint. Closed by the test that started it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface FixtureServer {
  origin: string;
  wsOrigin: string;
  /** Serves `html` at `path` (e.g. "/page.html"), or another text as `contentType` (a worker's script). */
  page(path: string, html: string, contentType?: string): string;
  /** Sockets accepted so far, for tests that act on the server side. */
  sockets: Set<WebSocket>;
  /** Every message the echo endpoint received, in order. */
  received: { data: Buffer; binary: boolean }[];
  /** How each socket closed, as the server saw it (the path with its query, the code and the reason). */
  closes: { path: string; code: number; reason: string }[];
  close(): Promise<void>;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const pages = new Map<string, { body: string; type: string }>();
  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const served = pages.get(path);
    if (served === undefined) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': served.type, 'cache-control': 'no-store' }).end(served.body);
  });
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
  const sockets = new Set<WebSocket>();
  const received: FixtureServer['received'] = [];
  const closes: FixtureServer['closes'] = [];
  wss.on('connection', (ws, req) => {
    sockets.add(ws);
    ws.on('close', (code, reason) => {
      sockets.delete(ws);
      closes.push({ path: req.url ?? '', code, reason: reason.toString() });
    });
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    ws.on('message', (data, isBinary) => {
      const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      received.push({ data: buffer, binary: isBinary });
      if (path === '/echo') ws.send(buffer, { binary: isBinary });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    wsOrigin: `ws://127.0.0.1:${port}`,
    sockets,
    received,
    closes,
    page(path, html, contentType = 'text/html; charset=utf-8') {
      pages.set(path, { body: html, type: contentType });
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
