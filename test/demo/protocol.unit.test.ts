// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { type DemoServer, type DemoServerOptions, startDemoServer } from '../../demo/server/index.mjs';
import { TestClient } from './ws-client.ts';

describe('demo server: validation, requests, rate limit, binary', () => {
  let server: DemoServer | undefined;
  let clients: TestClient[] = [];

  const setup = async (options: DemoServerOptions = {}) => {
    server = await startDemoServer({ port: 0, heartbeatMs: 0, rateLimit: false, ...options });
    return server;
  };
  const join = async (name: string) => {
    if (!server) throw new Error('no server');
    const client = await TestClient.join(server.url, name);
    clients.push(client);
    return client;
  };

  afterEach(async () => {
    await Promise.all(clients.map((c) => c.close()));
    clients = [];
    await server?.close();
    server = undefined;
  });

  it.each([
    ['not json', 'Invalid JSON'],
    ['[1,2]', 'Invalid message format'],
    ['42', 'Invalid message format'],
    ['null', 'Invalid message format'],
    ['{}', 'Missing field: type'],
    ['{"type":"launchRockets"}', 'Unknown message type: launchRockets'],
    ['{"type":"joinRoom"}', 'Missing field: roomId'],
    ['{"type":"joinRoom","roomId":42}', 'Invalid field: roomId'],
    ['{"type":"joinRoom","roomId":"   "}', 'Invalid field: roomId'],
    ['{"type":"sendToRoom","roomId":"lobby"}', 'Missing field: text'],
    [`{"type":"broadcast","text":"${'x'.repeat(2001)}"}`, 'Invalid field: text'],
    ['{"type":"typing","roomId":"lobby","typing":"yes"}', 'Invalid field: typing'],
    ['{"type":"getUserData"}', 'Missing field: requestId'],
    ['{"type":"toString"}', 'Unknown message type: toString'],
  ])('answers %s with an error frame', async (raw, error) => {
    await setup();
    const alice = await join('alice');
    alice.send(raw);
    expect(await alice.next('error')).toEqual({ type: 'error', error });
    // The connection survives: a valid request still works.
    alice.send({ type: 'getUserData', requestId: 'after' });
    expect(await alice.next('response')).toMatchObject({ requestId: 'after' });
  });

  it('echoes the requestId on errors of a request', async () => {
    await setup();
    const alice = await join('alice');
    alice.send({ type: 'getUserData', requestId: 'r9', userId: 'u999' });
    expect(await alice.next('error')).toEqual({ type: 'error', error: 'Unknown user: u999', requestId: 'r9' });
    alice.send({ type: 'nope', requestId: 7 });
    expect(await alice.next('error')).toEqual({ type: 'error', error: 'Unknown message type: nope', requestId: 7 });
  });

  it('answers getUserData with a response carrying the requestId', async () => {
    await setup();
    const alice = await join('alice');
    const bob = await join('bob');
    alice.send({ type: 'joinRoom', roomId: 'lobby' });
    await alice.next('joined');
    alice.send({ type: 'getUserData', requestId: 'req-1' });
    const mine = await alice.next('response');
    expect(mine).toMatchObject({ requestId: 'req-1', data: { name: 'alice', rooms: ['lobby'] } });
    expect(typeof (mine.data as { connectedAt: unknown }).connectedAt).toBe('number');

    const aliceId = (mine.data as { userId: string }).userId;
    bob.send({ type: 'getUserData', requestId: 2, userId: aliceId });
    expect(await bob.next('response')).toMatchObject({ requestId: 2, data: { userId: aliceId, name: 'alice' } });
  });

  it('never answers a noReply request', async () => {
    await setup();
    const alice = await join('alice');
    alice.send({ type: 'noReply', requestId: 'lost' });
    alice.send({ type: 'getUserData', requestId: 'found' });
    expect(await alice.next('response')).toMatchObject({ requestId: 'found' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alice.frames.filter((f) => f.requestId === 'lost')).toEqual([]);
  });

  it('limits each client to N frames per window with a Rate limit exceeded error', async () => {
    await setup({ rateLimit: { max: 5, windowMs: 400 } });
    const alice = await join('alice');
    const bob = await join('bob');
    for (let i = 0; i < 8; i++) alice.send({ type: 'broadcast', text: `b${i}` });
    for (let i = 0; i < 3; i++) await alice.next('error', (f) => f.error === 'Rate limit exceeded');
    const broadcasts = await bob.quietFor(150, 'broadcast');
    expect(broadcasts.map((f) => f.text)).toEqual(['b0', 'b1', 'b2', 'b3', 'b4']);
    expect(alice.frames.filter((f) => f.type === 'error')).toHaveLength(3);

    // Another client has its own budget; and the limit recovers after the window.
    bob.send({ type: 'broadcast', text: 'bob ok' });
    expect(await alice.next('broadcast', (f) => f.text === 'bob ok')).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 450));
    alice.send({ type: 'broadcast', text: 'later' });
    expect(await bob.next('broadcast', (f) => f.text === 'later')).toMatchObject({ name: 'alice' });
  });

  it('negotiates permessage-deflate on the chat endpoint', async () => {
    await setup();
    const alice = await join('alice');
    expect(alice.socket.extensions).toContain('permessage-deflate');
    const long = 'compressible '.repeat(150);
    alice.send({ type: 'broadcast', text: long });
    expect(await alice.next('broadcast')).toMatchObject({ text: long });
  });

  it('echoes a binary frame to the sender and relays it to the sender rooms', async () => {
    await setup();
    const alice = await join('alice');
    const bob = await join('bob');
    const carol = await join('carol');
    for (const [client, room] of [
      [alice, 'lobby'],
      [bob, 'lobby'],
      [carol, 'elsewhere'],
    ] as const) {
      client.send({ type: 'joinRoom', roomId: room });
      await client.next('joined');
    }
    const avatar = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 255]);
    alice.socket.send(avatar);
    for (const client of [alice, bob]) {
      expect(await client.next('binary')).toMatchObject({ name: 'alice', size: avatar.length, rooms: ['lobby'] });
      expect((await client.nextBinary()).equals(avatar)).toBe(true);
    }
    expect(await carol.quietFor(100, 'binary')).toEqual([]);
    expect(carol.binaries).toEqual([]);
  });

  it('echoes a binary frame back to a sender in no room', async () => {
    await setup();
    const alice = await join('alice');
    alice.socket.send(Uint8Array.from([9, 8, 7]));
    expect(await alice.next('binary')).toMatchObject({ size: 3, rooms: [] });
    expect([...(await alice.nextBinary())]).toEqual([9, 8, 7]);
  });
});
