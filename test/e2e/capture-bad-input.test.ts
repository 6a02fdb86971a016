/**
 * Bad input for the capture, in Chromium and firefox-esr: credentials in URLs, 100 MB frames, strings that
 * are not valid UTF-16, a page that replaces the built-ins the hook could have relied on, and a second
 * copy of the hook. Capture must stay exact (checked against CDP where the browser reports frames) and
 * the page must keep seeing native behaviour.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { LIMITS } from '../../src/shared/limits';
import { BROWSERS, launchHarness, type PanelHarness } from '../support/browser-harness';
import type { CapturedEvent, CaptureReader, CaptureSnapshot } from '../support/capture-reader';
import { chromiumReader, firefoxReader } from '../support/extension-reader';
import { CHROME_DIST } from '../support/paths';
import { type RouteServer, startRouteServer } from '../support/route-server';
import { compareWithWire, recordWireFrames } from '../support/wire-frames';

/** The limit that keeps the byte-for-byte cases in Chromium. */
const NO_FRAME_LOG = 'Chromium only: Firefox has no CDP frame log to compare the capture with';
/** The limit that keeps the second-copy case in Chromium (see the case). */
const NO_SECOND_INJECTION = 'Chromium only: a page cannot run a copy under the name Firefox gives its injected hook';

type PageState = Record<string, unknown>;

/** The hook's FNV-1a (src/page/payload.ts), over `length` units given by `unit`. */
function fnv1a(length: number, unit: (i: number) => number): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < length; i++) {
    const x = (h ^ unit(i)) >>> 0;
    h = (x + (x << 1) + (x << 4) + (x << 7) + (x << 8) + (x << 24)) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
const state = (page: Page) => page.evaluate(() => (window as never as { state: PageState }).state);

const closed = (c: CaptureSnapshot, n = 1) => c.events.filter((e) => e.k === 'close').length >= n;
const msgs = (c: CaptureSnapshot, dir: 'send' | 'recv') => c.events.filter((e): e is CapturedEvent => e.k === 'msg' && e.dir === dir);

describe.each(BROWSERS)('bad input (%s)', (browser) => {
  let server: RouteServer;
  let harness: PanelHarness;
  let reader: CaptureReader | undefined;
  let echo: string;
  const chromiumOnly = browser === 'Chromium' ? it : it.skip;

  beforeAll(async () => {
    server = await startRouteServer();
    echo = server.echo('/echo');
    harness = await launchHarness(browser, { devtools: false });
  });

  afterAll(async () => {
    await harness?.close();
    await server?.close();
  });

  beforeEach(async (ctx) => {
    onTestFailed(() => harness.saveFailure(ctx.task.name).then(() => undefined));
    await harness.page.goto('about:blank');
    return async () => {
      await reader?.close();
      reader = undefined;
    };
  });

  async function open(path: string, body: string): Promise<void> {
    const url = server.page(
      path,
      `<!doctype html><html><head><script>window.state = {};</script></head><body><script>${body}</script></body></html>`,
    );
    await harness.page.goto(url);
  }

  async function captureOf(ready: (c: CaptureSnapshot) => boolean, what: string, timeout = 20_000): Promise<CaptureSnapshot> {
    reader ??= harness.chromium ? await chromiumReader(harness.chromium) : await firefoxReader(harness.firefox!);
    return reader.waitFor(ready, timeout, what);
  }

  chromiumOnly(`records URLs with credentials as the page sees them (${NO_FRAME_LOG})`, async () => {
    const wire = await recordWireFrames(harness.page);
    const withCredentials = echo.replace('ws://', 'ws://user:p%40ss%3Aword@');
    await open(
      '/credentials.html',
      `const ws = new WebSocket('${withCredentials}?q=1');
         state.url = ws.url;
         ws.onopen = () => ws.send('with credentials');
         ws.onmessage = () => ws.close();`,
    );
    const capture = await captureOf((c) => closed(c), 'the socket closed');
    const pageUrl = (await state(harness.page)).url;
    expect(pageUrl).toBe(`${withCredentials}?q=1`);
    const create = capture.events.find((e) => e.k === 'create');
    expect(create?.url).toBe(pageUrl);
    const result = await compareWithWire(reader!, capture, wire.sockets());
    await wire.stop();
    expect(result.mismatches).toEqual([]);
    expect(result.compared).toBe(2);
  });

  // Chromium 156.0.8078.114 receives binary frames at about 1.5 MB/s here, with or without the extension
  // (measured: 10 MB in 8.5 s, 60 MB in 35 s, 100 MB in 56-73 s), hence the long waits.
  it('records a 100 MB text frame and a 100 MB binary frame: exact size, trimmed payload, whole data for the page', {
    timeout: 400_000,
  }, async () => {
    const size = 100 * 2 ** 20;
    await open(
      '/huge.html',
      `const ws = new WebSocket('${echo}');
         ws.binaryType = 'arraybuffer';
         const text = 'é'.repeat(${size / 2});
         const binary = new Uint8Array(${size});
         for (let i = 0; i < binary.length; i += 4096) binary[i] = i & 255;
         let got = 0;
         ws.onopen = () => { state.sendStart = performance.now(); ws.send(text); ws.send(binary); state.sendMs = performance.now() - state.sendStart; };
         ws.onmessage = (e) => {
           if (typeof e.data === 'string') state.text = { length: e.data.length, same: e.data === text };
           else { const b = new Uint8Array(e.data); let same = b.length === binary.length; for (let i = 0; same && i < b.length; i += 4096) same = b[i] === binary[i]; state.binary = { length: b.length, same }; }
           if (++got === 2) ws.close();
         };`,
    );
    const capture = await captureOf((c) => closed(c), 'both 100 MB echoes and the close', 300_000);
    const seen = await state(harness.page);
    expect(seen.text).toEqual({ length: size / 2, same: true });
    expect(seen.binary).toEqual({ length: size, same: true });
    for (const dir of ['send', 'recv'] as const) {
      const [text, binary] = msgs(capture, dir);
      // 'é' is two bytes in UTF-8: the text frame is exactly 100 MB on the wire
      expect(text).toMatchObject({ binary: false, size, complete: false });
      expect(binary).toMatchObject({ binary: true, size, complete: false });
      expect(text.hash).toMatch(/^[0-9a-f]{8}$/);
      expect(binary.hash).toMatch(/^[0-9a-f]{8}$/);
      const textBody = await reader!.bytes(text);
      expect(textBody.length).toBe(2 * LIMITS.pagePayloadCap); // the hook keeps the first 2^20 UTF-16 units
      expect(textBody.equals(Buffer.from('é'.repeat(LIMITS.pagePayloadCap)))).toBe(true);
      const binaryBody = await reader!.bytes(binary);
      expect(binaryBody.length).toBe(LIMITS.pagePayloadCap);
      expect(binaryBody[4096]).toBe(4096 & 255);
    }
    // the hash covers the whole payload (FNV-1a over UTF-16 units for text, over bytes for binary)
    const [text, binary] = msgs(capture, 'send');
    expect(text.hash).toBe(fnv1a(size / 2, () => 'é'.charCodeAt(0)));
    expect(binary.hash).toBe(fnv1a(size, (i) => (i % 4096 === 0 ? i & 255 : 0)));
    expect(msgs(capture, 'recv').map((e) => e.hash)).toEqual([text.hash, binary.hash]);
  });

  chromiumOnly(`records strings that are not valid UTF-16 with the exact bytes the browser sends (${NO_FRAME_LOG})`, async () => {
    const wire = await recordWireFrames(harness.page);
    await open(
      '/surrogates.html',
      `const ws = new WebSocket('${echo}');
         const strings = ['\\uD800', 'a\\uDC00b', '\\uDC00\\uD800', '\\uDBFF\\uDFFF', '😀'.slice(0, 1), 'x\\uD83D', 'a\\uD800'.repeat(600000)];
         let got = 0;
         ws.onopen = () => { for (const s of strings) ws.send(s); };
         ws.onmessage = () => { if (++got === strings.length) ws.close(); };`,
    );
    const capture = await captureOf((c) => closed(c), 'the socket closed');
    const sent = msgs(capture, 'send');
    // a lone surrogate goes out as U+FFFD: three bytes
    expect(sent.map((e) => e.size)).toEqual([3, 5, 6, 4, 3, 4, 2_400_000]);
    const result = await compareWithWire(reader!, capture, wire.sockets());
    await wire.stop();
    expect(result.mismatches).toEqual([]);
    expect(result.compared).toBe(14);
    // the long one was cut by the hook, with its exact size and a hash kept
    expect(sent[6]).toMatchObject({ complete: false, size: 2_400_000 });
    expect(sent[6].hash).toMatch(/^[0-9a-f]{8}$/);
  });

  it('keeps capturing, invisibly, on a page that replaces built-ins after load', async () => {
    server.route('/no-content', (_req, res) => res.writeHead(204).end());
    await open(
      '/hostile.html',
      `const hits = {};
         // Firefox keeps the stack as an accessor on Error.prototype, which the page replaces below: read it through
         // the saved getter, and never from inside hit (puppeteer's evaluate over BiDi trips the traps after the copy)
         const stackGetter = Object.getOwnPropertyDescriptor(Error.prototype, 'stack')?.get;
         const stackNow = () => (stackGetter ? Reflect.apply(stackGetter, new Error(), []) : new Error().stack);
         let hitting = false;
         const hit = (name) => {
           if (hitting) return;
           hitting = true;
           hits[name] = (hits[name] || 0) + 1;
           if (!window.hitStacks[name]) window.hitStacks[name] = stackNow();
           hitting = false;
         };
         window.hitStacks = {};
         // indexed loops only: once Array.prototype[Symbol.iterator] is trapped, for-of would trip it
         const each = (list, fn) => { for (let i = 0; i < list.length; i++) fn(list[i]); };
         window.hostile = () => {
           const trap = (owner, key, label) => {
             const original = owner[key];
             Object.defineProperty(owner, key, { __proto__: null, configurable: true, writable: true, value: function (...args) { hit(label); return Reflect.apply(original, this, args); } });
           };
           trap(window, 'postMessage', 'window.postMessage');
           trap(EventTarget.prototype, 'addEventListener', 'addEventListener');
           trap(EventTarget.prototype, 'removeEventListener', 'removeEventListener');
           trap(EventTarget.prototype, 'dispatchEvent', 'dispatchEvent');
           trap(MessagePort.prototype, 'postMessage', 'MessagePort.postMessage');
           trap(Function.prototype, 'toString', 'Function.prototype.toString');
           trap(Function.prototype, 'call', 'Function.prototype.call');
           trap(Function.prototype, 'apply', 'Function.prototype.apply');
           trap(Function.prototype, 'bind', 'Function.prototype.bind');
           each(['push', 'slice', 'map', 'join', 'indexOf', 'concat', 'splice', 'forEach', Symbol.iterator], (key) => trap(Array.prototype, key, 'Array.prototype.' + String(key)));
           each(['slice', 'indexOf', 'charCodeAt', 'split', 'substring', 'replace'], (key) => trap(String.prototype, key, 'String.prototype.' + key));
           each(['get', 'set', 'has'], (key) => trap(WeakMap.prototype, key, 'WeakMap.prototype.' + key));
           each(['stringify', 'parse'], (key) => trap(JSON, key, 'JSON.' + key));
           each(['min', 'max', 'imul', 'floor'], (key) => trap(Math, key, 'Math.' + key));
           trap(ArrayBuffer.prototype, 'slice', 'ArrayBuffer.prototype.slice');
           trap(performance, 'now', 'performance.now');
           each(['k', 'id', 't', 'data', 'dir', 'size', 'hash', 'transfer', 'cancelable', 'detail', 'bubbles', 'composed', 'masks', 'then', 'value', 'done'], (key) => {
             Object.defineProperty(Object.prototype, key, { __proto__: null, configurable: true, get() { hit('Object.prototype.' + key); }, set(v) { hit('set Object.prototype.' + key); } });
           });
           Object.defineProperty(Error.prototype, 'stack', { __proto__: null, configurable: true, get() { hit('Error.prototype.stack'); return ''; } });
         };
         window.addEventListener('load', () => {
           // made before the page takes over: building them would trip the page's own traps
           const bytes = new Uint8Array([1, 2, 3]);
           const blob = new Blob(['blob']);
           const big = 'x'.repeat(${LIMITS.pagePayloadCap + 10});
           window.hostile();
           const ws = new WebSocket('${echo}?hostile');
           ws.binaryType = 'arraybuffer';
           let got = 0;
           ws.onopen = () => {
             ws.send('text after the page took over');
             ws.send(bytes);
             ws.send(blob);
             ws.send(big);
           };
           ws.onmessage = (e) => {
             got++;
             if (got === 1) state.firstEcho = e.data;
             if (got === 4) {
               state.hits = { ...hits }; // a copy: puppeteer's own reads later trip the page's traps
               state.source = Object.getOwnPropertyDescriptor(Function.prototype, 'toString').value === Function.prototype.toString;
               ws.close(4002, 'hostile done');
             }
           };
           ws.onclose = (e) => { state.closed = e.code; };
           const frame = document.createElement('iframe');
           frame.src = '/no-content';
           document.body.appendChild(frame);
           const child = new frame.contentWindow.WebSocket('${echo}?hostile-child');
           child.onopen = () => { child.send('child after the page took over'); child.close(); };
         });`,
    );
    const capture = await captureOf(
      (c) => c.events.some((e) => e.k === 'close' && e.code === 4002) && c.events.filter((e) => e.k === 'close').length === 2,
      'both hostile sockets closed',
    );
    const seen = await state(harness.page);
    // the page's traps fired only for the page's own calls: none of them came from the hook
    if (Object.keys(seen.hits as object).length)
      console.log(JSON.stringify(await harness.page.evaluate(() => (window as never as { hitStacks: unknown }).hitStacks)));
    expect(seen.hits).toEqual({});
    expect(seen.firstEcho).toBe('text after the page took over');
    expect(seen.closed).toBe(4002);
    const socket = (url: string) => {
      const create = capture.events.find((e) => e.k === 'create' && e.url === url)!;
      return { create, events: capture.events.filter((e) => e.conn === create.conn && e.frame === create.frame) };
    };
    const parent = socket(`${echo}?hostile`);
    const sizes = (events: CapturedEvent[], dir: string) =>
      events.filter((e) => e.k === 'msg' && e.dir === dir).map((e) => [e.binary, e.size]);
    const sent = [
      [false, 29],
      [true, 3],
      [true, 4],
      [false, LIMITS.pagePayloadCap + 10],
    ];
    expect(sizes(parent.events, 'send')).toEqual(sent);
    expect(sizes(parent.events, 'recv')).toEqual(sent.map(([, size], i) => [i === 1 || i === 2, size]));
    const child = socket(`${echo}?hostile-child`);
    expect(child.create.frameUrl).toBe('about:blank');
    expect(sizes(child.events, 'send')).toEqual([[false, 30]]);
    for (const counters of Object.values(capture.counters)) expect(counters).toMatchObject({ rejected: 0, faults: 0 });
  });

  // Firefox names the hook it injects "<anonymous code>" in stacks (ESR 153, measured), a name no page script can
  // take (a sourceURL ends at its first space), so a copy cannot be run there as the browser would run it; under
  // its moz-extension:// URL the copy is page code to the hook, by design. Firefox's own injections into a window
  // the parent's hook installed are capture-complete's about:blank and fresh-iframe cases.
  chromiumOnly(`does nothing when a second copy of the hook runs in the window (${NO_SECOND_INJECTION})`, async () => {
    // The same script again, as the browser runs it when it injects a window the parent's hook already
    // installed: stacks name it by its URL. (A copy under any other name is page code to the hook.)
    const hookUrl = `chrome-extension://${harness.chromium!.extensionId}/src/page/hook.iife.js`;
    const hook = `${await readFile(`${CHROME_DIST}/src/page/hook.iife.js`, 'utf8')}\n//# sourceURL=${hookUrl}`;
    await open('/twice.html', `state.before = { ws: WebSocket, send: WebSocket.prototype.send, toString: Function.prototype.toString };`);
    await harness.page.addScriptTag({ content: hook });
    await harness.page.evaluate((url: string) => {
      const w = window as never as { state: Record<string, { ws: unknown; send: unknown; toString: unknown } | boolean> };
      const before = w.state.before as { ws: unknown; send: unknown; toString: unknown };
      w.state.same = before.ws === WebSocket && before.send === WebSocket.prototype.send && before.toString === Function.prototype.toString;
      const ws = new WebSocket(url);
      ws.onopen = () => ws.send('once');
      ws.onmessage = () => ws.close();
    }, `${echo}?twice`);
    const capture = await captureOf((c) => closed(c), 'the socket closed');
    expect((await state(harness.page)).same).toBe(true);
    expect(capture.events.filter((e) => e.k === 'create')).toHaveLength(1);
    expect(msgs(capture, 'send')).toHaveLength(1);
    expect(msgs(capture, 'recv')).toHaveLength(1);
    expect(capture.events.filter((e) => e.k === 'close')).toHaveLength(1);
  });
});
