// The echo endpoint: every text or binary frame goes back verbatim, with its own frame type.
import { WebSocketServer } from 'ws';

export const ECHO_MAX_PAYLOAD = 64 * 1024 * 1024;

/** @param {{ deflate: boolean, log: (line: string) => void }} options */
export function createEchoServer({ deflate, log }) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: ECHO_MAX_PAYLOAD, perMessageDeflate: deflate });
  wss.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => socket.send(/** @type {Buffer} */ (data), { binary: isBinary }));
    socket.on('error', (error) => log(`echo: ${error.message}`));
  });
  return wss;
}
