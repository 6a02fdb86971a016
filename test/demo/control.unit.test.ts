// @vitest-environment node
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type DemoServer, type DemoServerOptions, startDemoServer } from '../../demo/server/index.mjs';
import { sleep, TestClient } from './ws-client.ts';

/** Try to open a socket; resolve with 'open' or the error message. */
function tryConnect(url: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('error', (error) => resolve(error.message));
  });
}

describe('demo server: echo, control endpoints, heartbeat, static files', () => {
  let server: DemoServer | undefined;
  let clients: TestClient[] = [];
  let staticDir: string;

  const setup = async (options: DemoServerOptions = {}) => {
    server = await startDemoServer({ port: 0, heartbeatMs: 0, staticDir, ...options });
    return server;
  };
  const connect = async (url: string) => {
    const client = await TestClient.connect(url);
    clients.push(client);
    return client;
  };
  const post = (path: string) => fetch(`${server?.httpUrl}${path}`, { method: 'POST' });

  beforeAll(async () => {
    staticDir = await mkdtemp(join(tmpdir(), 'demo-static-'));
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>demo index</title>');
    await writeFile(join(staticDir, 'app.js'), 'console.log(1);');
  });
  afterAll(async () => {
    await rm(staticDir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await Promise.all(clients.map((c) => c.close()));
    clients = [];
    await server?.close();
    server = undefined;
  });

  it('echoes text and binary frames verbatim on /echo and /echo-deflate', async () => {
    const { echoUrl } = await setup();
    const plain = await connect(echoUrl);
    const deflate = await connect(echoUrl.replace('/echo', '/echo-deflate'));
    expect(plain.socket.extensions).toBe('');
    expect(deflate.socket.extensions).toContain('permessage-deflate');
    for (const client of [plain, deflate]) {
      const received: { text: string; binary: boolean }[] = [];
      const done = new Promise<void>((resolve) => {
        client.socket.on('message', (data, isBinary) => {
          received.push({ text: isBinary ? [...(data as Buffer)].join(',') : String(data), binary: isBinary });
          if (received.length === 3) resolve();
        });
      });
      client.socket.send('{"type":"not validated"}');
      client.socket.send(Buffer.from([0, 1, 254, 255]));
      client.socket.send('héllo ✓');
      await done;
      expect(received).toEqual([
        { text: '{"type":"not validated"}', binary: false },
        { text: '0,1,254,255', binary: true },
        { text: 'héllo ✓', binary: false },
      ]);
    }
  });

  it('refuses upgrades on unknown paths', async () => {
    const { httpUrl } = await setup();
    expect(await tryConnect(`${httpUrl.replace('http', 'ws')}/nope`)).toMatch(/404/);
  });

  it('dropAll() terminates every socket abruptly (1006), or closes with a code', async () => {
    const { url, echoUrl } = await setup();
    const chat = await connect(url);
    const echo = await connect(echoUrl);
    expect(server?.dropAll()).toBe(2);
    expect(await chat.closed()).toBe(1006);
    expect(await echo.closed()).toBe(1006);

    const again = await connect(url);
    expect(server?.dropAll(4001)).toBe(1);
    expect(await again.closed()).toBe(4001);
    expect(() => server?.dropAll(1005)).toThrow(RangeError);
  });

  it('POST /control/drop drops the sockets; a bad code is refused', async () => {
    const { url } = await setup();
    const chat = await connect(url);
    const response = await post('/control/drop');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ dropped: 1 });
    expect(await chat.closed()).toBe(1006);
    expect((await post('/control/drop?code=1006')).status).toBe(400);
    expect((await fetch(`${server?.httpUrl}/control/drop`)).status).toBe(405);
  });

  it('restart() closes sockets with 1012, refuses connections while down, then accepts again', async () => {
    const { url } = await setup();
    const chat = await connect(url);
    const started = Date.now();
    const restarted = server?.restart(300);
    expect(await chat.closed()).toBe(1012);
    expect(server?.accepting).toBe(false);
    expect(await tryConnect(url)).toMatch(/503/);
    await restarted;
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(server?.accepting).toBe(true);
    expect(await tryConnect(url)).toBe('open');
  });

  it('POST /control/restart?downMs= restarts without blocking the response', async () => {
    const { url } = await setup();
    const chat = await connect(url);
    // Down long enough for the checks below to run while it is down, even on a loaded CI machine (250 ms was not).
    const downMs = 1500;
    const started = Date.now();
    const response = await post(`/control/restart?downMs=${downMs}`);
    expect(await response.json()).toEqual({ closed: 1, downMs });
    expect(await chat.closed()).toBe(1012);
    const stats = await (await fetch(`${server?.httpUrl}/control/stats`)).json();
    expect(stats).toMatchObject({ accepting: false, chatClients: 0 });
    expect(await tryConnect(url)).toMatch(/503/);
    await sleep(downMs + 100 - (Date.now() - started));
    expect(await tryConnect(url)).toBe('open');
    expect((await post('/control/restart?downMs=-1')).status).toBe(400);
    expect((await post('/control/explode')).status).toBe(404);
  });

  it('GET /control/stats reports clients and rooms', async () => {
    const { url, echoUrl } = await setup();
    const alice = await TestClient.join(url, 'alice');
    clients.push(alice, await connect(echoUrl));
    alice.send({ type: 'joinRoom', roomId: 'lobby' });
    await alice.next('joined');
    const stats = await (await fetch(`${server?.httpUrl}/control/stats`)).json();
    expect(stats).toEqual({ accepting: true, chatClients: 1, echoClients: 1, rooms: [{ roomId: 'lobby', members: 1 }] });
  });

  it('pings clients and terminates the ones that stop answering', async () => {
    const { url } = await setup({ heartbeatMs: 60 });
    const healthy = await connect(url);
    const dead = await TestClient.connect(url, { autoPong: false });
    clients.push(dead);
    let pings = 0;
    healthy.socket.on('ping', () => pings++);
    expect(await dead.closed(1000)).toBe(1006);
    await sleep(200);
    expect(pings).toBeGreaterThanOrEqual(2);
    expect(healthy.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('serves the static client and a health check', async () => {
    const { httpUrl } = await setup();
    const index = await fetch(`${httpUrl}/`);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(await index.text()).toContain('demo index');
    const js = await fetch(`${httpUrl}/app.js`);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect((await fetch(`${httpUrl}/missing.js`)).status).toBe(404);
    expect((await fetch(`${httpUrl}/..%2f..%2fetc%2fpasswd`)).status).toBeGreaterThanOrEqual(400);
    expect((await fetch(`${httpUrl}/app.js`, { method: 'PUT' })).status).toBe(405);
    expect(await (await fetch(`${httpUrl}/health`)).json()).toEqual({ ok: true });
  });

  it('explains a missing build with 503', async () => {
    const { httpUrl } = await setup({ staticDir: join(staticDir, 'does-not-exist') });
    const response = await fetch(`${httpUrl}/`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('demo/build.mjs');
  });

  it('close() terminates open sockets and frees the port', async () => {
    const { url, port } = await setup();
    const chat = await connect(url);
    await server?.close();
    expect(await chat.closed()).toBe(1006);
    server = await startDemoServer({ port, heartbeatMs: 0, staticDir });
    expect(server.port).toBe(port);
  });
});
