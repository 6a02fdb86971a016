// One handler per validated client message type. Handlers only talk through `ctx`.
import { errorFrame } from './protocol.mjs';

/**
 * @typedef {import('./chat.mjs').ChatClient} ChatClient
 * @typedef {import('./chat.mjs').ChatContext} ChatContext
 * @typedef {import('./protocol.mjs').ClientMessage} ClientMessage
 * @typedef {(ctx: ChatContext, client: ChatClient, msg: any) => void} Handler
 */

/** @param {ChatClient} client */
export function publicMember(client) {
  return { userId: client.id, name: client.name };
}

/**
 * Remove a client from a room and tell the remaining members.
 * @param {ChatContext} ctx
 * @param {ChatClient} client
 * @param {string} roomId
 */
export function leaveAndNotify(ctx, client, roomId) {
  if (!ctx.rooms.leave(roomId, client)) return false;
  ctx.sendToRoom(roomId, { type: 'userLeft', roomId, ...publicMember(client) });
  return true;
}

/** @type {Record<string, Handler>} */
export const HANDLERS = {
  setName(ctx, client, msg) {
    const oldName = client.name;
    client.name = msg.name.trim();
    ctx.send(client, { type: 'nameSet', userId: client.id, name: client.name });
    for (const roomId of client.rooms) {
      ctx.sendToRoom(roomId, { type: 'userRenamed', roomId, oldName, ...publicMember(client) }, client);
    }
  },

  joinRoom(ctx, client, msg) {
    const roomId = msg.roomId;
    const added = ctx.rooms.join(roomId, client);
    ctx.send(client, {
      type: 'joined',
      roomId,
      members: ctx.rooms.members(roomId).map(publicMember),
      history: ctx.rooms.history(roomId),
    });
    if (added) ctx.sendToRoom(roomId, { type: 'userJoined', roomId, ...publicMember(client) }, client);
  },

  leaveRoom(ctx, client, msg) {
    if (!client.rooms.has(msg.roomId)) {
      ctx.send(client, errorFrame(`Not in room: ${msg.roomId}`, msg.requestId));
      return;
    }
    leaveAndNotify(ctx, client, msg.roomId);
    ctx.send(client, { type: 'left', roomId: msg.roomId });
  },

  listRooms(ctx, client, msg) {
    const frame = { type: 'roomList', rooms: ctx.rooms.list() };
    ctx.send(client, msg.requestId === undefined ? frame : { ...frame, requestId: msg.requestId });
  },

  sendToRoom(ctx, client, msg) {
    if (!client.rooms.has(msg.roomId)) {
      ctx.send(client, errorFrame(`Not in room: ${msg.roomId}`, msg.requestId));
      return;
    }
    const entry = {
      type: 'chat',
      id: ctx.nextMessageId(),
      roomId: msg.roomId,
      ...publicMember(client),
      text: msg.text,
      ts: Date.now(),
    };
    ctx.rooms.record(msg.roomId, entry);
    ctx.sendToRoom(msg.roomId, entry);
  },

  broadcast(ctx, client, msg) {
    const frame = { type: 'broadcast', id: ctx.nextMessageId(), ...publicMember(client), text: msg.text, ts: Date.now() };
    ctx.sendToAll(frame);
  },

  typing(ctx, client, msg) {
    if (!client.rooms.has(msg.roomId)) {
      ctx.send(client, errorFrame(`Not in room: ${msg.roomId}`, msg.requestId));
      return;
    }
    ctx.sendToRoom(msg.roomId, { type: 'typing', roomId: msg.roomId, ...publicMember(client), typing: msg.typing }, client);
  },

  getUserData(ctx, client, msg) {
    const target = msg.userId === undefined ? client : ctx.findClient(msg.userId);
    if (!target) {
      ctx.send(client, errorFrame(`Unknown user: ${msg.userId}`, msg.requestId));
      return;
    }
    const data = { ...publicMember(target), rooms: [...target.rooms], connectedAt: target.connectedAt };
    ctx.send(client, { type: 'response', requestId: msg.requestId, data });
  },

  // Deliberately never answered, so that a client's request timeout can be seen.
  noReply() {},
};
