// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from '../../demo/server/index.mjs';
import { TestClient } from './ws-client.ts';

describe('demo server: rooms, broadcast, history, typing', () => {
  let server: DemoServer;
  let clients: TestClient[];

  const join = async (name: string) => {
    const client = await TestClient.join(server.url, name);
    clients.push(client);
    return client;
  };
  const enter = async (client: TestClient, roomId: string) => {
    client.send({ type: 'joinRoom', roomId });
    return client.next('joined', (f) => f.roomId === roomId);
  };

  beforeEach(async () => {
    server = await startDemoServer({ port: 0, historySize: 3, heartbeatMs: 0, rateLimit: false });
    clients = [];
  });
  afterEach(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server.close();
  });

  it('listens on 127.0.0.1 with an OS-chosen port', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`ws://127.0.0.1:${server.port}/ws`);
    expect(server.httpUrl).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('greets a client with its id and name', async () => {
    const alice = await TestClient.connect(`${server.url}?name=alice`);
    clients.push(alice);
    const welcome = await alice.next('welcome');
    expect(welcome).toMatchObject({ name: 'alice', rooms: [] });
    expect(welcome.userId).toMatch(/^u\d+$/);
  });

  it('joins a room, notifies the other members, and lists rooms', async () => {
    const alice = await join('alice');
    const bob = await join('bob');
    const joined = await enter(alice, 'lobby');
    expect(joined).toMatchObject({ members: [{ name: 'alice' }], history: [] });

    const bobJoined = await enter(bob, 'lobby');
    expect((bobJoined.members as { name: string }[]).map((m) => m.name).sort()).toEqual(['alice', 'bob']);
    expect(await alice.next('userJoined')).toMatchObject({ roomId: 'lobby', name: 'bob' });
    expect(await bob.quietFor(100, 'userJoined')).toEqual([]);

    await enter(bob, 'dev');
    bob.send({ type: 'listRooms' });
    const list = await bob.next('roomList');
    expect(list.rooms).toEqual(
      expect.arrayContaining([
        { roomId: 'lobby', members: 2 },
        { roomId: 'dev', members: 1 },
      ]),
    );
  });

  it('leaves a room with a notice to the others, and removes an empty room', async () => {
    const alice = await join('alice');
    const bob = await join('bob');
    await enter(alice, 'lobby');
    await enter(bob, 'lobby');
    bob.send({ type: 'leaveRoom', roomId: 'lobby' });
    expect(await bob.next('left')).toMatchObject({ roomId: 'lobby' });
    expect(await alice.next('userLeft')).toMatchObject({ roomId: 'lobby', name: 'bob' });

    alice.send({ type: 'leaveRoom', roomId: 'lobby' });
    await alice.next('left');
    alice.send({ type: 'listRooms', requestId: 'l1' });
    expect(await alice.next('roomList')).toMatchObject({ rooms: [], requestId: 'l1' });
  });

  it('refuses to leave or post to a room the client is not in', async () => {
    const alice = await join('alice');
    alice.send({ type: 'leaveRoom', roomId: 'nowhere' });
    expect(await alice.next('error')).toMatchObject({ error: 'Not in room: nowhere' });
    alice.send({ type: 'sendToRoom', roomId: 'nowhere', text: 'hi' });
    expect(await alice.next('error')).toMatchObject({ error: 'Not in room: nowhere' });
  });

  it('tells the room when a member disconnects', async () => {
    const alice = await join('alice');
    const bob = await join('bob');
    await enter(alice, 'lobby');
    await enter(bob, 'lobby');
    await bob.close();
    expect(await alice.next('userLeft')).toMatchObject({ roomId: 'lobby', name: 'bob' });
  });

  it('broadcasts a room message to its members only, sender included', async () => {
    const alice = await join('alice');
    const bob = await join('bob');
    const carol = await join('carol');
    await enter(alice, 'lobby');
    await enter(bob, 'lobby');
    await enter(carol, 'other');
    alice.send({ type: 'sendToRoom', roomId: 'lobby', text: 'hello room' });
    const expected = { type: 'chat', roomId: 'lobby', name: 'alice', text: 'hello room' };
    expect(await bob.next('chat')).toMatchObject(expected);
    expect(await alice.next('chat')).toMatchObject(expected);
    expect(await carol.quietFor(100, 'chat')).toEqual([]);
  });

  it('broadcasts to everyone, in a room or not', async () => {
    const alice = await join('alice');
    const bob = await join('bob');
    await enter(alice, 'lobby');
    bob.send({ type: 'broadcast', text: 'hello all' });
    expect(await alice.next('broadcast')).toMatchObject({ name: 'bob', text: 'hello all' });
    expect(await bob.next('broadcast')).toMatchObject({ name: 'bob', text: 'hello all' });
  });

  it('sends the last N messages of a room on join', async () => {
    const alice = await join('alice');
    await enter(alice, 'lobby');
    for (let i = 1; i <= 5; i++) {
      alice.send({ type: 'sendToRoom', roomId: 'lobby', text: `m${i}` });
      await alice.next('chat', (f) => f.text === `m${i}`);
    }
    const bob = await join('bob');
    const joined = await enter(bob, 'lobby');
    const history = joined.history as { text: string; name: string }[];
    expect(history.map((h) => h.text)).toEqual(['m3', 'm4', 'm5']);
    expect(history.every((h) => h.name === 'alice')).toBe(true);
  });

  it('keeps the history of a room that emptied', async () => {
    const alice = await join('alice');
    await enter(alice, 'lobby');
    alice.send({ type: 'sendToRoom', roomId: 'lobby', text: 'still here' });
    await alice.next('chat');
    alice.send({ type: 'leaveRoom', roomId: 'lobby' });
    await alice.next('left');
    const rejoined = await enter(alice, 'lobby');
    expect(rejoined.history).toMatchObject([{ text: 'still here' }]);
  });

  it('relays the typing indicator to the other members of the room', async () => {
    const alice = await join('alice');
    const bob = await join('bob');
    await enter(alice, 'lobby');
    await enter(bob, 'lobby');
    alice.send({ type: 'typing', roomId: 'lobby', typing: true });
    expect(await bob.next('typing')).toMatchObject({ roomId: 'lobby', name: 'alice', typing: true });
    alice.send({ type: 'typing', roomId: 'lobby', typing: false });
    expect(await bob.next('typing')).toMatchObject({ name: 'alice', typing: false });
    expect(await alice.quietFor(100, 'typing')).toEqual([]);
  });

  it('renames a user and tells the rooms', async () => {
    const alice = await join('alice');
    const bob = await join('bob');
    await enter(alice, 'lobby');
    await enter(bob, 'lobby');
    alice.send({ type: 'setName', name: 'alicia' });
    expect(await alice.next('nameSet')).toMatchObject({ name: 'alicia' });
    expect(await bob.next('userRenamed')).toMatchObject({ oldName: 'alice', name: 'alicia' });
    alice.send({ type: 'sendToRoom', roomId: 'lobby', text: 'new name' });
    expect(await bob.next('chat')).toMatchObject({ name: 'alicia' });
  });
});
