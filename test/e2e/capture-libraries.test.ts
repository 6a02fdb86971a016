/**
 * Real client libraries (socket.io-client, sockjs-client, graphql-ws, reconnecting-websocket)
 * against their real servers, in Chromium and in firefox-esr: each behaves the same with and without
 * SocketScope (the page-visible results are compared as values). In Chromium every frame that CDP
 * reports is in the capture, in order and byte for byte; Firefox has no CDP frame log, so there the
 * capture is checked for every socket, closed, with as many messages as the page exchanged, and clean
 * relay counters.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { CaptureSnapshot } from '../support/capture-reader';
import { type ChromiumSession, launchChromium } from '../support/chromium';
import { chromiumReader, firefoxReader } from '../support/extension-reader';
import { type FirefoxSession, launchFirefox } from '../support/firefox';
import { attachLibraryServers } from '../support/library-servers';
import { type RouteServer, startRouteServer } from '../support/route-server';
import { compareWithWire, recordWireFrames } from '../support/wire-frames';

const LIBRARIES = readFileSync(new URL('../fixtures/capture/libraries.js', import.meta.url), 'utf8');

let server: RouteServer;
let stopLibraries: () => Promise<void>;
let baseline: ChromiumSession;
let patched: ChromiumSession;

beforeAll(async () => {
  server = await startRouteServer();
  stopLibraries = attachLibraryServers(server);
});

afterAll(async () => {
  await stopLibraries?.();
  await server?.close();
});

type Library = 'socketio' | 'sockjs' | 'graphqlws' | 'reconnecting';

function pageFor(library: Library, bundle: string): string {
  return server.page(
    `/${library}.html`,
    `<!doctype html><html><head><script src="${bundle}"></script><script>${LIBRARIES}</script></head><body>${library}</body></html>`,
  );
}

async function run(page: Page, url: string, library: Library): Promise<unknown> {
  await page.goto(url);
  return page.evaluate(
    (library: Library, origin: string, wsOrigin: string) => {
      const libs = (window as never as { socketscopeLibraries: Record<Library, (o: string) => Promise<unknown>> }).socketscopeLibraries;
      return libs[library](library === 'graphqlws' || library === 'reconnecting' ? wsOrigin : origin);
    },
    library,
    server.origin,
    server.wsOrigin,
  );
}

/** Runs `library` without and with the extension; returns both results and the exact-capture check. */
async function compare(library: Library, bundle: string, expectedSockets: number) {
  const url = pageFor(library, bundle);
  const native = await run(baseline.page, url, library);
  await patched.page.goto('about:blank');
  const wire = await recordWireFrames(patched.page);
  const result = await run(patched.page, url, library);
  const reader = await chromiumReader(patched);
  try {
    // the last socket's close is the last thing each exchange produces
    const closes = (c: CaptureSnapshot) => c.events.filter((e) => e.k === 'close').length;
    const capture = await reader.waitFor((c) => closes(c) >= expectedSockets, 15_000, `${expectedSockets} closed sockets`);
    // every socket CDP saw was captured, and no other
    expect(capture.events.filter((e) => e.k === 'create')).toHaveLength(wire.sockets().length);
    expect(wire.sockets()).toHaveLength(expectedSockets);
    const check = await compareWithWire(reader, capture, wire.sockets());
    for (const counters of Object.values(capture.counters)) expect(counters).toMatchObject({ rejected: 0, faults: 0 });
    return { native, result, check };
  } finally {
    await wire.stop();
    await reader.close();
  }
}

describe('real client libraries (Chromium)', () => {
  beforeAll(async () => {
    baseline = await launchChromium({ extension: false });
    patched = await launchChromium({ devtools: false });
  });

  afterAll(async () => {
    await patched?.close();
    await baseline?.close();
  });

  it('socket.io-client (websocket transport, binary attachments, acks)', async (ctx) => {
    onTestFailed(() => patched.saveFailure(ctx.task.name).then(() => undefined));
    const { native, result, check } = await compare('socketio', '/lib/socket.io.js', 1);
    expect(result).toEqual(native);
    expect(native).toEqual([
      ['transport', 'websocket'],
      ['welcome', 1, [1, 2, 3]],
      ['ack', { got: 'hi', bytes: 4, first: 7 }],
      ['disconnect', 'io server disconnect'],
    ]);
    expect(check.mismatches).toEqual([]);
    expect(check.compared).toBeGreaterThanOrEqual(6); // open packet, connect, event + attachment both ways, ack
  });

  it('sockjs-client (websocket transport)', async (ctx) => {
    onTestFailed(() => patched.saveFailure(ctx.task.name).then(() => undefined));
    const { native, result, check } = await compare('sockjs', '/lib/sockjs.js', 1);
    expect(result).toEqual(native);
    expect(native).toEqual([
      ['transport', 'websocket'],
      ['messages', ['echo: one', 'echo: two ✓', 'echo: {"three":[3]}']],
      ['close', [1000, 'Normal closure', true]],
    ]);
    expect(check.mismatches).toEqual([]);
    expect(check.compared).toBeGreaterThanOrEqual(7); // open frame, three sends, three echoes
  });

  it('graphql-ws (query and subscription)', async (ctx) => {
    onTestFailed(() => patched.saveFailure(ctx.task.name).then(() => undefined));
    const { native, result, check } = await compare('graphqlws', '/lib/graphql-ws.js', 1);
    expect(result).toEqual(native);
    expect(native).toEqual([
      ['query', [{ data: { hello: 'world' } }]],
      ['subscription', [{ data: { count: 1 } }, { data: { count: 2 } }, { data: { count: 3 } }]],
    ]);
    expect(check.mismatches).toEqual([]);
    expect(check.compared).toBeGreaterThanOrEqual(10); // init/ack, two subscribes, four nexts, two completes
  });

  it('reconnecting-websocket (server closes, the library reconnects)', async (ctx) => {
    onTestFailed(() => patched.saveFailure(ctx.task.name).then(() => undefined));
    const { native, result, check } = await compare('reconnecting', '/lib/reconnecting-websocket.js', 2);
    expect(result).toEqual(native);
    expect(native).toEqual([
      ['open', 0],
      ['message', 'first'],
      ['close', 4001, 'go away once'],
      ['open', 1],
      ['message', 'second'],
    ]);
    expect(check.mismatches).toEqual([]);
    expect(check.compared).toBe(4);
  });
});

/** Each library: its bundle, its sockets, and the messages (both ways) its exchange makes on the wire. */
const FIREFOX_CASES: [Library, string, number][] = [
  ['socketio', '/lib/socket.io.js', 1],
  ['sockjs', '/lib/sockjs.js', 1],
  ['graphqlws', '/lib/graphql-ws.js', 1],
  ['reconnecting', '/lib/reconnecting-websocket.js', 2],
];

describe('real client libraries (Firefox: no CDP frame log, so the capture is checked socket by socket, not against the wire)', () => {
  let ffBaseline: FirefoxSession;
  let ffPatched: FirefoxSession;

  beforeAll(async () => {
    ffBaseline = await launchFirefox({ extension: false });
    ffPatched = await launchFirefox();
  });

  afterAll(async () => {
    await ffPatched?.close();
    await ffBaseline?.close();
  });

  it.each(FIREFOX_CASES)(
    '%s behaves as without the add-on, and each of its sockets is captured whole',
    async (library, bundle, sockets) => {
      const url = pageFor(library, bundle);
      const native = await run(ffBaseline.page, url, library);
      const result = await run(ffPatched.page, url, library);
      expect(result).toEqual(native);
      const reader = await firefoxReader(ffPatched);
      try {
        const closes = (c: CaptureSnapshot) => c.events.filter((e) => e.k === 'close').length;
        const capture = await reader.waitFor((c) => closes(c) >= sockets, 15_000, `${sockets} closed sockets`);
        const creates = capture.events.filter((e) => e.k === 'create');
        expect(creates).toHaveLength(sockets);
        for (const create of creates) {
          const own = capture.events.filter((e) => e.conn === create.conn && e.frame === create.frame).map((e) => e.k);
          expect(own[0], library).toBe('create');
          expect(own.at(-1), library).toBe('close');
          expect(own.filter((k) => k === 'msg').length, library).toBeGreaterThan(0);
        }
        for (const counters of Object.values(capture.counters)) expect(counters).toMatchObject({ rejected: 0, faults: 0 });
      } finally {
        await reader.close();
      }
    },
  );
});
