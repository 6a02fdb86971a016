/** An echo WebSocket server on 127.0.0.1 (OS-chosen port) that negotiates permessage-deflate. */
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

export interface DeflateEcho {
  wsOrigin: string;
  close(): Promise<void>;
}

export async function startDeflateEcho(): Promise<DeflateEcho> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: { threshold: 0 } });
  wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data as Buffer, { binary: isBinary })));
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const { port } = wss.address() as AddressInfo;
  return {
    wsOrigin: `ws://127.0.0.1:${port}`,
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
