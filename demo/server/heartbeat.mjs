// Server heartbeat: ping every client each interval; a client that has not answered the
// previous ping with a pong is considered dead and terminated.

/**
 * @param {import('ws').WebSocketServer[]} servers
 * @param {number} intervalMs 0 disables the heartbeat
 * @returns {() => void} stop function
 */
export function startHeartbeat(servers, intervalMs) {
  /** @type {WeakMap<import('ws').WebSocket, boolean>} */
  const alive = new WeakMap();
  /** @param {import('ws').WebSocket} socket */
  const track = (socket) => {
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
  };
  for (const wss of servers) wss.on('connection', track);
  if (!(intervalMs > 0)) return () => {};
  const timer = setInterval(() => {
    for (const wss of servers) {
      for (const socket of wss.clients) {
        if (alive.get(socket) === false) {
          socket.terminate();
          continue;
        }
        alive.set(socket, false);
        socket.ping();
      }
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
