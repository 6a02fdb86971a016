// @vitest-environment node
// The demo client's connection logic, run in Node against the real demo server (npm ws as the socket).
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { backoffDelay } from '../../demo/client/src/backoff.ts';
import { readConfig } from '../../demo/client/src/config.ts';
import { readFloodConfig } from '../../demo/client/src/flood-config.ts';
import { type ConnState, type ResilientOptions, ResilientSocket, type SocketLike } from '../../demo/client/src/socket.ts';
import { ConnectionStats } from '../../demo/client/src/stats.ts';
import { type DemoServer, startDemoServer } from '../../demo/server/index.mjs';
import { sleep, TestClient } from './ws-client.ts';

const createSocket = (url: string) => new WebSocket(url) as unknown as SocketLike;

function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (check()) resolve();
      else if (Date.now() > deadline) reject(new Error('condition not met in time'));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

describe('demo client helpers', () => {
  it('doubles the backoff delay from the base up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, 1000, 10_000))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(backoffDelay(1, 200, 30_000)).toBe(200);
  });

  it('derives the server URL from the page location, with overrides from the query', () => {
    const plain = readConfig({ protocol: 'http:', host: '127.0.0.1:9000', search: '' });
    expect(plain).toMatchObject({
      wsUrl: 'ws://127.0.0.1:9000/ws',
      baseDelayMs: 1000,
      maxDelayMs: 30_000,
      maxRetries: 10,
      requestTimeoutMs: 5000,
      room: null,
      autoConnect: true,
    });
    expect(plain.name).toMatch(/^guest-/);
    expect(readConfig({ protocol: 'https:', host: 'example.test', search: '' }).wsUrl).toBe('wss://example.test/ws');
    const custom = readConfig({
      protocol: 'http:',
      host: 'h',
      search: '?ws=ws://other:1/x&backoff=200&backoffMax=800&maxRetries=3&timeout=150&name=alice&room=lobby&autoconnect=0',
    });
    expect(custom).toEqual({
      wsUrl: 'ws://other:1/x',
      baseDelayMs: 200,
      maxDelayMs: 800,
      maxRetries: 3,
      requestTimeoutMs: 150,
      name: 'alice',
      room: 'lobby',
      autoConnect: false,
    });
    expect(readConfig({ protocol: 'http:', host: 'h', search: '?backoff=-5&maxRetries=abc' })).toMatchObject({
      baseDelayMs: 1000,
      maxRetries: 10,
    });
  });

  it('reads the flood settings with bounds and defaults', () => {
    expect(readFloodConfig({ protocol: 'http:', host: 'h:1', search: '' })).toEqual({
      rate: 0,
      size: 1024,
      kind: 'text',
      sockets: 1,
      count: 1000,
      target: 'ws://h:1/echo',
      autoStart: true,
    });
    expect(
      readFloodConfig({
        protocol: 'http:',
        host: 'h',
        search: '?rate=50&size=10&kind=binary&sockets=500&count=7&target=ws://x/e&autostart=0',
      }),
    ).toEqual({ rate: 50, size: 10, kind: 'binary', sockets: 64, count: 7, target: 'ws://x/e', autoStart: false });
  });

  it('keeps the StatsWebSocket fields', () => {
    let now = 1000;
    const stats = new ConnectionStats(() => now);
    expect(stats.snapshot()).toEqual({
      messagesSent: 0,
      messagesReceived: 0,
      bytesSent: 0,
      bytesReceived: 0,
      connectionTime: null,
      lastMessageTime: null,
      uptime: 0,
      avgBytesPerMessage: 0,
    });
    stats.opened();
    stats.sent('héllo');
    stats.received('abc');
    stats.received(new Uint8Array(4).buffer);
    now = 1500;
    expect(stats.snapshot()).toEqual({
      messagesSent: 1,
      messagesReceived: 2,
      bytesSent: 6,
      bytesReceived: 7,
      connectionTime: 1000,
      lastMessageTime: 1000,
      uptime: 500,
      avgBytesPerMessage: 3.5,
    });
  });
});

describe('demo client ResilientSocket against the demo server', () => {
  let server: DemoServer | undefined;
  let sockets: ResilientSocket[] = [];
  let peers: TestClient[] = [];

  const open = async (overrides: Partial<ResilientOptions> = {}) => {
    if (!server) throw new Error('no server');
    const socket = new ResilientSocket({
      url: `${server.url}?name=client`,
      baseDelayMs: 50,
      maxDelayMs: 1000,
      maxRetries: 8,
      requestTimeoutMs: 1000,
      createSocket,
      ...overrides,
    });
    sockets.push(socket);
    const states: ConnState[] = [];
    socket.on('state', (state) => states.push(state));
    socket.connect();
    await until(() => socket.state === 'open');
    return { socket, states };
  };

  afterEach(async () => {
    for (const socket of sockets) socket.disconnect();
    sockets = [];
    await Promise.all(peers.map((p) => p.close()));
    peers = [];
    await server?.close();
    server = undefined;
  });

  it('resolves a request with its response and rejects an unanswered one after the timeout', async () => {
    server = await startDemoServer({ port: 0, heartbeatMs: 0 });
    const { socket } = await open({ requestTimeoutMs: 150 });
    await expect(socket.request({ type: 'getUserData' })).resolves.toMatchObject({ name: 'client' });
    const started = Date.now();
    await expect(socket.request({ type: 'noReply' })).rejects.toThrow('Request timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(socket.pendingRequests).toBe(0);
    await expect(socket.request({ type: 'getUserData', userId: 'nobody' })).rejects.toThrow('Unknown user: nobody');
  });

  it('reconnects after an abrupt drop with the first backoff delay', async () => {
    server = await startDemoServer({ port: 0, heartbeatMs: 0 });
    const { socket, states } = await open();
    server.dropAll();
    await until(() => socket.totalRetries === 1 && socket.state === 'open');
    expect(socket.delays).toEqual([50]);
    expect(socket.retries).toBe(0);
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open']);
  });

  it('backs off exponentially while the server is down, then flushes the offline queue', async () => {
    server = await startDemoServer({ port: 0, heartbeatMs: 0 });
    const { socket } = await open();
    const reopened: boolean[] = [];
    socket.on('open', (again) => {
      reopened.push(again);
      socket.send({ type: 'joinRoom', roomId: 'ops' });
    });
    const peer = await TestClient.join(server.url, 'peer');
    peers.push(peer);
    peer.send({ type: 'joinRoom', roomId: 'ops' });
    await peer.next('joined');

    const chats: string[] = [];
    socket.on('message', (message) => {
      const frame = message as { type?: string; text?: string };
      if (frame.type === 'chat' && frame.text) chats.push(frame.text);
    });

    const restarted = server.restart(500);
    await until(() => socket.state === 'reconnecting');
    expect(socket.send({ type: 'sendToRoom', roomId: 'ops', text: 'queued 1' })).toBe('queued');
    expect(socket.send({ type: 'sendToRoom', roomId: 'ops', text: 'queued 2' })).toBe('queued');
    expect(socket.queueSize).toBe(2);
    await restarted;
    await until(() => socket.state === 'open', 3000);
    expect(socket.queueSize).toBe(0);
    expect(reopened).toEqual([true]);
    expect(socket.delays.length).toBeGreaterThanOrEqual(3);
    expect(socket.delays).toEqual(socket.delays.map((_, i) => Math.min(1000, 50 * 2 ** i)));
    // The rejoin ran before the flush, so the queued messages reached the room, in order.
    await until(() => chats.length === 2);
    expect(chats).toEqual(['queued 1', 'queued 2']);

    // The peer was dropped by the restart too: a new client finds the messages in the room history.
    const again = await TestClient.join(server.url, 'peer2');
    peers.push(again);
    again.send({ type: 'joinRoom', roomId: 'ops' });
    const joined = await again.next('joined');
    expect((joined.history as { text: string }[]).map((h) => h.text)).toEqual(['queued 1', 'queued 2']);
  });

  it('gives up after maxRetries with the state failed, and connect() starts over', async () => {
    server = await startDemoServer({ port: 0, heartbeatMs: 0 });
    const { socket } = await open({ maxRetries: 2, baseDelayMs: 30 });
    const restarted = server.restart(600);
    await until(() => socket.state === 'failed', 2000);
    expect(socket.delays).toEqual([30, 60]);
    expect(socket.totalRetries).toBe(2);
    await restarted;
    socket.connect();
    await until(() => socket.state === 'open');
    expect(socket.retries).toBe(0);
  });

  it('does not reconnect after a normal closure (1000), from either side', async () => {
    server = await startDemoServer({ port: 0, heartbeatMs: 0 });
    const { socket } = await open();
    socket.disconnect();
    expect(socket.state).toBe('closed');
    await sleep(150);
    expect(socket.state).toBe('closed');
    expect(socket.totalRetries).toBe(0);

    socket.connect();
    await until(() => socket.state === 'open');
    server.dropAll(1000);
    await until(() => socket.state === 'closed');
    await sleep(150);
    expect(socket.state).toBe('closed');
    expect(socket.totalRetries).toBe(0);
  });

  it('counts sent and received traffic', async () => {
    server = await startDemoServer({ port: 0, heartbeatMs: 0 });
    const { socket } = await open();
    await until(() => socket.stats.messagesReceived === 1); // welcome
    socket.send({ type: 'broadcast', text: 'stats' });
    socket.send(new Uint8Array([1, 2, 3]));
    await until(() => socket.stats.messagesReceived === 4); // broadcast, binary header, binary
    const stats = socket.stats.snapshot();
    expect(stats.messagesSent).toBe(2);
    expect(stats.bytesSent).toBe(JSON.stringify({ type: 'broadcast', text: 'stats' }).length + 3);
    expect(stats.connectionTime).not.toBeNull();
    expect(stats.lastMessageTime).not.toBeNull();
    expect(stats.avgBytesPerMessage).toBeCloseTo(stats.bytesReceived / 4, 2);
  });
});
