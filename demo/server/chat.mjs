// The chat endpoint: connection lifecycle, rate limiting and dispatch of frames.
import { WebSocket, WebSocketServer } from 'ws';
import { HANDLERS, leaveAndNotify, publicMember } from './handlers.mjs';
import { errorFrame, parseClientMessage } from './protocol.mjs';
import { RateLimiter } from './rate-limit.mjs';
import { RoomRegistry } from './rooms.mjs';

export const CHAT_MAX_PAYLOAD = 1024 * 1024;

/**
 * @typedef {import('./rooms.mjs').Member & { socket: WebSocket, limiter: RateLimiter, connectedAt: number }} ChatClient
 * @typedef {{
 *   rooms: RoomRegistry,
 *   send(client: ChatClient, frame: object): void,
 *   sendToRoom(roomId: string, frame: object, except?: ChatClient): void,
 *   sendToAll(frame: object): void,
 *   findClient(userId: string): ChatClient | undefined,
 *   nextMessageId(): number,
 * }} ChatContext
 */

/**
 * @param {{ historySize: number, rateLimit: { max: number, windowMs: number }, log: (line: string) => void }} options
 */
export function createChatServer({ historySize, rateLimit, log }) {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: CHAT_MAX_PAYLOAD,
    perMessageDeflate: {
      zlibDeflateOptions: { level: 3 },
      clientNoContextTakeover: true,
      serverNoContextTakeover: true,
      threshold: 256,
    },
  });
  const rooms = new RoomRegistry(historySize);
  /** @type {Map<WebSocket, ChatClient>} */
  const clients = new Map();
  let nextUser = 1;
  let nextMessage = 1;

  /** @type {ChatContext} */
  const ctx = {
    rooms,
    send(client, frame) {
      if (client.socket.readyState === WebSocket.OPEN) client.socket.send(JSON.stringify(frame));
    },
    sendToRoom(roomId, frame, except) {
      const text = JSON.stringify(frame);
      for (const member of rooms.members(roomId)) {
        const socket = /** @type {ChatClient} */ (member).socket;
        if (member !== except && socket.readyState === WebSocket.OPEN) socket.send(text);
      }
    },
    sendToAll(frame) {
      const text = JSON.stringify(frame);
      for (const socket of clients.keys()) if (socket.readyState === WebSocket.OPEN) socket.send(text);
    },
    findClient(userId) {
      for (const client of clients.values()) if (client.id === userId) return client;
      return undefined;
    },
    nextMessageId: () => nextMessage++,
  };

  wss.on('connection', (socket, request) => {
    const id = `u${nextUser++}`;
    /** @type {ChatClient} */
    const client = {
      id,
      name: nameFromUrl(request.url) ?? `guest-${id}`,
      rooms: new Set(),
      socket,
      limiter: new RateLimiter(rateLimit.max, rateLimit.windowMs),
      connectedAt: Date.now(),
    };
    clients.set(socket, client);
    ctx.send(client, { type: 'welcome', ...publicMember(client), rooms: rooms.list() });
    socket.on('message', (data, isBinary) => onFrame(ctx, client, toBuffer(data), isBinary, log));
    socket.on('close', () => {
      clients.delete(socket);
      for (const roomId of [...client.rooms]) leaveAndNotify(ctx, client, roomId);
    });
    socket.on('error', (error) => log(`chat ${id}: ${error.message}`));
  });

  return { wss, stats: () => ({ clients: clients.size, rooms: rooms.list() }) };
}

/**
 * @param {ChatContext} ctx
 * @param {ChatClient} client
 * @param {Buffer} data
 * @param {boolean} isBinary
 * @param {(line: string) => void} log
 */
function onFrame(ctx, client, data, isBinary, log) {
  if (!client.limiter.allow()) {
    ctx.send(client, errorFrame('Rate limit exceeded'));
    return;
  }
  try {
    if (isBinary) {
      relayBinary(ctx, client, data);
      return;
    }
    const parsed = parseClientMessage(data.toString('utf8'));
    if (!parsed.ok) {
      ctx.send(client, errorFrame(parsed.error, parsed.requestId));
      return;
    }
    HANDLERS[parsed.message.type](ctx, client, parsed.message);
  } catch (error) {
    log(`chat ${client.id}: handler failed: ${error instanceof Error ? error.stack : error}`);
    ctx.send(client, errorFrame('Internal error'));
  }
}

/**
 * A binary frame (an avatar, a file chunk) goes back to the sender and to every member of the
 * sender's rooms, each copy preceded by a JSON header that names the sender.
 * @param {ChatContext} ctx
 * @param {ChatClient} client
 * @param {Buffer} data
 */
function relayBinary(ctx, client, data) {
  const recipients = new Set([client]);
  for (const roomId of client.rooms) {
    for (const member of ctx.rooms.members(roomId)) recipients.add(/** @type {ChatClient} */ (member));
  }
  const header = JSON.stringify({ type: 'binary', ...publicMember(client), size: data.length, rooms: [...client.rooms] });
  for (const member of recipients) {
    if (member.socket.readyState !== WebSocket.OPEN) continue;
    member.socket.send(header);
    member.socket.send(data, { binary: true });
  }
}

/** @param {Buffer | ArrayBuffer | Buffer[]} data */
function toBuffer(data) {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** @param {string | undefined} url */
function nameFromUrl(url) {
  const name = new URL(url ?? '/', 'http://localhost').searchParams.get('name')?.trim();
  return name ? name.slice(0, 32) : undefined;
}
