/**
 * Capture completeness in Chromium: every socket the page makes is captured wherever it is made (an
 * inline <head> script, a same-origin iframe, an about:blank iframe, a freshly inserted iframe's
 * window before its document exists), with every life event, and every data frame that the browser
 * itself reports over CDP is in the capture, in order and byte for byte. The capture is read the way
 * the panel reads it, from inside the real DevTools panel (support/capture-reader.ts). Firefox has no
 * CDP: there the same places are checked against what the page itself saw.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import type { CapturedEvent, CaptureReader, CaptureSnapshot } from '../support/capture-reader';
import { type ChromiumSession, launchChromium } from '../support/chromium';
import { chromiumReader, firefoxReader } from '../support/extension-reader';
import { type FirefoxSession, launchFirefox } from '../support/firefox';
import { panelText } from '../support/panel';
import { type RouteServer, startRouteServer } from '../support/route-server';
import { compareWithWire, recordWireFrames, type WireRecorder } from '../support/wire-frames';

const TRAFFIC = readFileSync(new URL('../fixtures/capture/traffic.js', import.meta.url), 'utf8');

let server: RouteServer;
let session: ChromiumSession;
let reader: CaptureReader;
let wire: WireRecorder;

beforeAll(async () => {
  server = await startRouteServer();
  server.echo('/echo');
});

afterAll(async () => {
  await server?.close();
});

/** Navigates, then reads the capture from the DevTools panel once `ready` holds. */
async function visit(url: string, ready: (c: CaptureSnapshot) => boolean, what: string): Promise<CaptureSnapshot> {
  await session.page.goto(url);
  reader = await chromiumReader(session);
  return reader.waitFor(ready, 20_000, what);
}

const conn = (c: CaptureSnapshot, url: string): CapturedEvent[] => {
  const create = c.events.find((e) => e.k === 'create' && e.url === url);
  return create ? c.events.filter((e) => e.frame === create.frame && e.conn === create.conn) : [];
};

/** Every frame CDP reported is captured; returns the Blob sends whose bytes CDP could not show. */
async function expectWireMatches(capture: CaptureSnapshot, minFrames: number, blobSends = 0) {
  const result = await compareWithWire(reader, capture, wire.sockets());
  expect(result.mismatches).toEqual([]);
  expect(result.compared).toBeGreaterThanOrEqual(minFrames);
  expect(result.blobSends).toHaveLength(blobSends);
  return result.blobSends;
}

/**
 * A fresh iframe's initial about:blank window makes a socket (installed from the parent), then its real
 * document commits and makes its own: the manifest-injected hook must find the right state (installed
 * or not) and never double up.
 */
function freshThenLoadPage() {
  server.page(
    '/late-child.html',
    `<!doctype html><html><head><script>
      const ws = new WebSocket('${server.wsOrigin}/echo?who=late-child');
      ws.onopen = () => ws.send('child document');
      ws.onmessage = () => ws.close();
    </script></head><body>late child</body></html>`,
  );
  const url = server.page(
    '/fresh-then-load.html',
    `<!doctype html><html><body><script>
      const frame = document.createElement('iframe');
      frame.src = '/late-child.html';
      document.body.appendChild(frame);
      new frame.contentWindow.WebSocket('${server.wsOrigin}/echo?who=initial');
    </script></body></html>`,
  );
  return { url, lateUrl: `${server.wsOrigin}/echo?who=late-child` };
}

function expectFreshThenLoad(capture: CaptureSnapshot) {
  const lateUrl = `${server.wsOrigin}/echo?who=late-child`;
  const creates = capture.events.filter((e) => e.k === 'create');
  expect(creates.map((e) => e.url).sort()).toEqual([`${server.wsOrigin}/echo?who=initial`, lateUrl]);
  expect(conn(capture, lateUrl).map((e) => e.k)).toEqual(['create', 'open', 'msg', 'msg', 'close-call', 'close']);
  expect(conn(capture, lateUrl)[0].frameUrl).toBe(`${server.origin}/late-child.html`);
}

describe('capture completeness (Chromium)', () => {
  beforeAll(async () => {
    session = await launchChromium();
  });

  afterAll(async () => {
    await session?.close();
  });

  beforeEach(async (ctx) => {
    onTestFailed(() => session.saveFailure(ctx.task.name).then(() => undefined));
    await session.page.goto('about:blank');
    wire = await recordWireFrames(session.page);
    return async () => {
      await wire.stop();
      await reader?.close();
    };
  });

  it('captures every event of a socket made by an inline <head> script, and every frame CDP reports', async () => {
    const echo = `${server.wsOrigin}/echo`;
    const url = server.page(
      '/head.html',
      `<!doctype html><html><head><script>${TRAFFIC}
        window.traffic = socketscopeTraffic('${echo}');
      </script></head><body>traffic</body></html>`,
    );
    const capture = await visit(
      url,
      (c) => c.events.some((e) => e.k === 'close' && e.code === 4000) && c.events.some((e) => e.k === 'close' && e.code === 1006),
      'both sockets closed',
    );
    const seen = await session.page.evaluate(() => (window as never as { traffic: Promise<Record<string, unknown>> }).traffic);
    const viewSizes = await session.page.evaluate(() =>
      (window as never as { socketscopeViewNames(): [string, number][] }).socketscopeViewNames(),
    );

    const events = conn(capture, echo);
    const [create, ...rest] = events;
    expect(create).toMatchObject({ k: 'create', url: echo, protocols: ['chat'], frameUrl: url });
    // the trimmed creation stack points at the inline script, not at the extension
    expect(create.stack).toContain(`${url}:`);
    expect(create.stack).not.toMatch(/extension:\/\//);
    // the failed send while CONNECTING: recorded, and the page still got the native error
    expect(seen.connectingError).toBe('InvalidStateError');
    expect(rest[0]).toMatchObject({ k: 'send-fail', dir: 'send', binary: false, size: 9, preview: 'too early' });
    expect(rest[0].error).toMatch(/^InvalidStateError: /);
    expect(rest[1]).toMatchObject({ k: 'open', protocol: 'chat', extensions: '' });

    const sent = events.filter((e) => e.k === 'msg' && e.dir === 'send');
    const received = events.filter((e) => e.k === 'msg' && e.dir === 'recv');
    // text, then every view kind with its exact byte length, then a Blob, an ArrayBuffer and text
    const expectedSizes = [10, Buffer.byteLength('ünïcödé ✓ 😀'), 5000, ...viewSizes.map(([, size]) => size), 30, 700, 9];
    expect(sent.map((e) => e.size)).toEqual(expectedSizes);
    expect(sent.map((e) => e.binary)).toEqual(expectedSizes.map((_, i) => i >= 3 && i < expectedSizes.length - 1));
    expect(received.map((e) => e.size)).toEqual(expectedSizes);
    // received as the page's binaryType made them: ArrayBuffers, then Blobs, all captured as binary
    expect((seen.received as { type: string }[]).map((r) => r.type)).toEqual([
      ...['string', 'string', 'string'],
      ...viewSizes.map(() => '[object ArrayBuffer]'),
      ...['[object Blob]', '[object Blob]', 'string'],
    ]);
    expect(received.map((e) => e.binary)).toEqual(sent.map((e) => e.binary));
    expect(await reader.bytes(sent[sent.length - 3])).toEqual(
      Buffer.concat([Buffer.from('blob text '), Buffer.from(Array.from({ length: 20 }, (_, i) => (i * 7) & 255))]),
    );

    const tail = events.slice(-2);
    expect(tail[0]).toMatchObject({ k: 'close-call', code: 4000, reason: 'bye' });
    expect(tail[1]).toMatchObject({ k: 'close', code: 4000, reason: 'bye', wasClean: true });
    expect(seen.closed).toEqual({ code: 4000, reason: 'bye', wasClean: true });

    const dead = conn(capture, 'ws://127.0.0.1:9/dead');
    expect(dead.map((e) => e.k)).toEqual(['create', 'error', 'close']);
    expect(dead[2]).toMatchObject({ code: 1006, wasClean: false });
    expect(seen.deadSocket).toEqual(['error', 'close 1006 false']);

    // CDP shows the Blob send as empty: its bytes are checked against the echo the server sent back
    const [blobSend] = await expectWireMatches(capture, 2 * expectedSizes.length, 1);
    expect(blobSend.captured).toBe(sent[sent.length - 3]);
    expect(await reader.bytes(blobSend.captured)).toEqual(await reader.bytes(received[received.length - 3]));
    for (const counters of Object.values(capture.counters)) expect(counters).toMatchObject({ rejected: 0, faults: 0 });

    // and the real panel shows the connection
    const panel = await session.panel();
    await panel.waitForFunction(
      (u: string) => document.querySelector('[aria-label=Connections]')?.textContent?.includes(u),
      { polling: 100, timeout: 10_000 },
      echo,
    );
    expect(await panelText(panel, '[aria-label=Connections]')).toContain(echo);
  });

  it('captures sockets in a same-origin iframe and in an about:blank iframe', async () => {
    server.page(
      '/child.html',
      `<!doctype html><html><head><script>
        const ws = new WebSocket('${server.wsOrigin}/echo?who=child');
        ws.onopen = () => ws.send('from the child');
        ws.onmessage = () => ws.close();
      </script></head><body>child</body></html>`,
    );
    const url = server.page(
      '/frames.html',
      `<!doctype html><html><body><iframe src="/child.html"></iframe><script>
        window.addEventListener('load', () => {
          const frame = document.createElement('iframe');
          document.body.appendChild(frame);
          setTimeout(() => {
            const ws = new frame.contentWindow.WebSocket('${server.wsOrigin}/echo?who=blank');
            ws.onopen = () => ws.send(new Uint8Array([9, 8, 7]));
            ws.onmessage = () => ws.close(3001);
          }, 50);
        });
      </script></body></html>`,
    );
    const childUrl = `${server.wsOrigin}/echo?who=child`;
    const blankUrl = `${server.wsOrigin}/echo?who=blank`;
    const done = (c: CaptureSnapshot) => conn(c, childUrl).some((e) => e.k === 'close') && conn(c, blankUrl).some((e) => e.k === 'close');
    const capture = await visit(url, done, 'both iframe sockets closed');

    const child = conn(capture, childUrl);
    expect(child[0].frameUrl).toBe(`${server.origin}/child.html`);
    expect(child.map((e) => e.k)).toEqual(['create', 'open', 'msg', 'msg', 'close-call', 'close']);
    const blank = conn(capture, blankUrl);
    expect(blank[0].frameUrl).toBe('about:blank');
    expect(blank.map((e) => e.k)).toEqual(['create', 'open', 'msg', 'msg', 'close-call', 'close']);
    expect(blank[4]).toMatchObject({ code: 3001 });
    await expectWireMatches(capture, 4);
  });

  it("captures a socket made through a fresh iframe's contentWindow right after insertion", async () => {
    // The iframe's navigation never commits (204), so its initial about:blank window lives on, and
    // the browser never injects content scripts into it: only the hook's contentWindow getter can.
    server.route('/no-content', (_req, res) => res.writeHead(204).end());
    const url = server.page(
      '/fresh.html',
      `<!doctype html><html><body><script>
        const frame = document.createElement('iframe');
        frame.src = '/no-content';
        document.body.appendChild(frame);
        window.childSource = Function.prototype.toString.call(frame.contentWindow.WebSocket);
        const ws = new frame.contentWindow.WebSocket('${server.wsOrigin}/echo?who=fresh');
        ws.onopen = () => ws.send('from the fresh frame');
        ws.onmessage = (e) => { window.echoed = e.data; ws.close(); };
        // the same window reached through contentDocument is the same, installed once
        window.sameWindow = frame.contentDocument.defaultView === frame.contentWindow;
      </script></body></html>`,
    );
    const freshUrl = `${server.wsOrigin}/echo?who=fresh`;
    const capture = await visit(url, (c) => conn(c, freshUrl).some((e) => e.k === 'close'), 'the fresh frame socket closed');
    const events = conn(capture, freshUrl);
    expect(events.map((e) => e.k)).toEqual(['create', 'open', 'msg', 'msg', 'close-call', 'close']);
    expect(events[0].frameUrl).toBe('about:blank');
    expect(events[2]).toMatchObject({ dir: 'send', preview: 'from the fresh frame' });
    expect(await session.page.evaluate(() => (window as never as { echoed: string }).echoed)).toBe('from the fresh frame');
    // patched, yet the child's WebSocket still prints as the native one
    expect(await session.page.evaluate(() => (window as never as { childSource: string }).childSource)).toBe(
      'function WebSocket() { [native code] }',
    );
    await expectWireMatches(capture, 2);
    expect(capture.events.filter((e) => e.k === 'create')).toHaveLength(1);
  });

  it('captures a fresh iframe socket once, and then its own document’s sockets once', async () => {
    const { url, lateUrl } = freshThenLoadPage();
    const capture = await visit(url, (c) => conn(c, lateUrl).some((e) => e.k === 'close'), 'the late child socket closed');
    expectFreshThenLoad(capture);
    await expectWireMatches(capture, 2);
  });
});

describe('capture completeness (Firefox)', () => {
  let firefox: FirefoxSession;
  let ffReader: CaptureReader | undefined;

  beforeAll(async () => {
    firefox = await launchFirefox();
  });

  afterAll(async () => {
    await ffReader?.close();
    await firefox?.close();
  });

  it('captures sockets from a <head> script, an about:blank iframe and a fresh iframe’s contentWindow', async () => {
    server.route('/no-content', (_req, res) => res.writeHead(204).end());
    const socketTo = (who: string, win: string) => `
      (() => {
        const ws = new ${win}.WebSocket('${server.wsOrigin}/echo?who=${who}');
        ws.onopen = () => ws.send('hello from ${who}');
        ws.onmessage = (e) => { window.echoes = (window.echoes || []).concat(e.data); ws.close(); };
      })();`;
    const url = server.page(
      '/firefox.html',
      `<!doctype html><html><head><script>${socketTo('head', 'window')}</script></head><body><script>
        const fresh = document.createElement('iframe');
        fresh.src = '/no-content';
        document.body.appendChild(fresh);
        ${socketTo('fresh', 'fresh.contentWindow')}
        const blank = document.createElement('iframe');
        document.body.appendChild(blank);
        setTimeout(() => { ${socketTo('blank', 'blank.contentWindow')} }, 50);
      </script></body></html>`,
    );
    await firefox.page.goto(url);
    ffReader = await firefoxReader(firefox);
    const who = ['head', 'fresh', 'blank'];
    const capture = await ffReader.waitFor(
      (c) => who.every((w) => conn(c, `${server.wsOrigin}/echo?who=${w}`).some((e) => e.k === 'close')),
      20_000,
      'three closed sockets',
    );
    expect((await firefox.page.evaluate(() => (window as never as { echoes: string[] }).echoes)).sort()).toEqual(
      who.map((w) => `hello from ${w}`).sort(),
    );
    for (const w of who) {
      const events = conn(capture, `${server.wsOrigin}/echo?who=${w}`);
      expect(
        events.map((e) => e.k),
        w,
      ).toEqual(['create', 'open', 'msg', 'msg', 'close-call', 'close']);
      expect(events[0].frameUrl, w).toBe(w === 'head' ? url : 'about:blank');
      expect(
        events.filter((e) => e.k === 'msg').map((e) => e.preview),
        w,
      ).toEqual([`hello from ${w}`, `hello from ${w}`]);
    }
    expect(capture.events.filter((e) => e.k === 'create')).toHaveLength(3);
  });

  it('captures a fresh iframe socket once, and then its own document’s sockets once (not compared to the wire: Firefox has no CDP frame log)', async () => {
    const { url, lateUrl } = freshThenLoadPage();
    await ffReader?.close();
    await firefox.page.goto(url);
    ffReader = await firefoxReader(firefox);
    const capture = await ffReader.waitFor((c) => conn(c, lateUrl).some((e) => e.k === 'close'), 20_000, 'the late child socket closed');
    expectFreshThenLoad(capture);
  });
});
