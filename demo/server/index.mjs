// startDemoServer: one HTTP server for the static client, the chat endpoint (/ws),
// the echo endpoints (/echo, /echo-deflate) and the control endpoints (/control/*).
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createChatServer } from './chat.mjs';
import { createEchoServer } from './echo.mjs';
import { startHeartbeat } from './heartbeat.mjs';
import { createRequestHandler, isSendableCloseCode } from './http.mjs';

export const DEFAULT_DIST_DIR = fileURLToPath(new URL('../dist', import.meta.url));
export const DEFAULT_RATE_LIMIT = Object.freeze({ max: 10, windowMs: 1000 });

/**
 * @param {import('./index').DemoServerOptions} [options]
 * @returns {Promise<import('./index').DemoServer>}
 */
export async function startDemoServer(options = {}) {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const rateLimit = options.rateLimit === false ? { max: 0, windowMs: 1000 } : (options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const chat = createChatServer({ historySize: options.historySize ?? 50, rateLimit, log });
  /** @type {Record<string, import('ws').WebSocketServer>} */
  const endpoints = {
    '/ws': chat.wss,
    '/echo': createEchoServer({ deflate: false, log }),
    '/echo-deflate': createEchoServer({ deflate: true, log }),
  };
  const servers = Object.values(endpoints);
  const stopHeartbeat = startHeartbeat(servers, options.heartbeatMs ?? 30_000);

  let accepting = true;
  /** @type {NodeJS.Timeout | undefined} */
  let restartTimer;
  /** @type {Array<() => void>} */
  let restartWaiters = [];
  const reopen = () => {
    clearTimeout(restartTimer);
    restartTimer = undefined;
    accepting = true;
    for (const resolve of restartWaiters) resolve();
    restartWaiters = [];
  };

  const allSockets = () => servers.flatMap((wss) => [...wss.clients]);
  /** @param {number} [code] */
  const dropAll = (code) => {
    if (code !== undefined && !isSendableCloseCode(code)) throw new RangeError(`Invalid close code: ${code}`);
    const sockets = allSockets();
    for (const socket of sockets) {
      if (code === undefined) socket.terminate();
      else socket.close(code, 'Dropped by control');
    }
    return sockets.length;
  };
  /** @param {number} downMs */
  const beginRestart = (downMs) => {
    accepting = false;
    const sockets = allSockets();
    for (const socket of sockets) socket.close(1012, 'Service restart');
    clearTimeout(restartTimer);
    restartTimer = setTimeout(reopen, downMs);
    const done = new Promise((resolve) => restartWaiters.push(() => resolve(undefined)));
    log(`restart: closed ${sockets.length} sockets, accepting again in ${downMs} ms`);
    return { closed: sockets.length, done };
  };
  const stats = () => ({
    accepting,
    chatClients: chat.wss.clients.size,
    echoClients: endpoints['/echo'].clients.size + endpoints['/echo-deflate'].clients.size,
    rooms: chat.stats().rooms,
  });

  const server = createServer(
    createRequestHandler({ staticDir: options.staticDir ?? DEFAULT_DIST_DIR, control: { dropAll, beginRestart, stats }, log }),
  );
  server.on('upgrade', (request, socket, head) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const wss = endpoints[pathname];
    if (!wss || !accepting) {
      const status = wss ? '503 Service Unavailable' : '404 Not Found';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const hostPart = host.includes(':') ? `[${host}]` : host;

  let closing;
  return {
    port,
    host,
    url: `ws://${hostPart}:${port}/ws`,
    echoUrl: `ws://${hostPart}:${port}/echo`,
    httpUrl: `http://${hostPart}:${port}`,
    get accepting() {
      return accepting;
    },
    stats,
    dropAll,
    restart: (downMs = 1000) => beginRestart(downMs).done,
    close() {
      closing ??= (async () => {
        stopHeartbeat();
        reopen();
        accepting = false;
        for (const socket of allSockets()) socket.terminate();
        await Promise.all(servers.map((wss) => new Promise((resolve) => wss.close(() => resolve(undefined)))));
        await new Promise((resolve) => {
          server.close(() => resolve(undefined));
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}
