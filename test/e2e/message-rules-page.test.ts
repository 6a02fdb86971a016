/**
 * Message rules at page level, with the real extension, in Chromium and firefox-esr: the rules are said
 * through a `socketscope-panel` port as the panel says them, a page script talks to a local echo server,
 * and the test reads what the server got, what the page's listeners got (and when, in the page's clock),
 * and what the capture recorded. The panel's own rule editor is tested with the panel.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageRule } from '../../src/shared/message-rules';
import type { CaptureReader } from '../support/capture-reader';
import { launchChromium } from '../support/chromium';
import { chromiumReader, firefoxReader } from '../support/extension-reader';
import { launchFirefox } from '../support/firefox';
import { messagesIn, openWithRules } from '../support/message-rules';
import { type FixtureServer, startFixtureServer } from '../support/servers';

/** The page's side: one socket, its sends, and every message its listener got, with the page's own timings. */
const PAGE_SCRIPT = `
window.startExchange = (wsUrl, sends, expected, timeoutMs) => {
  window.exchange = (async () => {
    const socket = new WebSocket(wsUrl);
    await new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
    const started = performance.now();
    const got = [];
    // Messages and the close, in the order the page's listeners saw them.
    const order = [];
    window.order = order;
    const done = new Promise((resolve) => {
      socket.addEventListener('message', (event) => {
        got.push({ data: event.data, at: performance.now() - started, isMessageEvent: event instanceof MessageEvent, origin: event.origin });
        order.push({ data: event.data, at: performance.now() - started });
        if (got.length >= expected) resolve();
      });
    });
    socket.addEventListener('close', (event) => {
      order.push({ data: 'close ' + event.code, at: performance.now() - started });
    });
    for (const data of sends) socket.send(data);
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
    if (socket.readyState === WebSocket.OPEN) socket.close();
    return got;
  })();
};`;

interface Got {
  data: string;
  at: number;
  isMessageEvent: boolean;
  origin: string;
}

let server: FixtureServer;
let pageUrl: string;

beforeAll(async () => {
  server = await startFixtureServer();
  pageUrl = server.page('/rules.html', `<!doctype html><html><head><script>${PAGE_SCRIPT}</script></head><body>rules</body></html>`);
});

afterAll(async () => {
  await server?.close();
});

const texts = (from: number) => server.received.slice(from).map((m) => m.data.toString('utf8'));

let caseNumber = 0;
let rule = 0;
const ruleOf = (dir: MessageRule['dir'], match: MessageRule['match'], action: MessageRule['action']): MessageRule => ({
  id: ++rule,
  url: '/echo',
  dir,
  match,
  action,
});

async function exchange(page: Page, sends: string[], expected: number, timeoutMs = 10_000): Promise<void> {
  await page.evaluate(
    (ws: string, sends: string[], expected: number, timeoutMs: number) =>
      (window as unknown as { startExchange(...args: unknown[]): void }).startExchange(ws, sends, expected, timeoutMs),
    `${server.wsOrigin}/echo?case=${caseNumber}`,
    sends,
    expected,
    timeoutMs,
  );
}

const result = (page: Page) => page.evaluate(() => (window as unknown as { exchange: Promise<Got[]> }).exchange);

describe.each(['Chromium', 'Firefox'] as const)('%s: message rules in the page', (browser) => {
  let page: Page;
  let reader: CaptureReader;
  let close: () => Promise<void>;

  beforeAll(async () => {
    if (browser === 'Chromium') {
      const session = await launchChromium({ devtools: false });
      close = () => session.close();
      page = session.page;
      await page.goto(pageUrl);
      reader = await chromiumReader(session);
    } else {
      const session = await launchFirefox();
      close = () => session.close();
      page = session.page;
      await page.goto(pageUrl);
      reader = await firefoxReader(session);
    }
  });

  afterAll(async () => {
    await reader?.close();
    await close?.();
  });

  const open = async (rules: MessageRule[]) => {
    caseNumber++;
    return openWithRules(reader, page, `${pageUrl}?case=${caseNumber}`, rules);
  };

  it('drop: the server never gets the dropped message; the capture shows it dropped', async () => {
    const frame = await open([ruleOf('send', { m: 'contains', text: 'secret' }, { a: 'drop' })]);
    const from = server.received.length;
    await exchange(page, ['public-1', 'secret-2', 'public-3'], 2);
    const got = await result(page);
    expect(got.map((g) => g.data)).toEqual(['public-1', 'public-3']);
    expect(texts(from)).toEqual(['public-1', 'public-3']);
    const capture = await reader.waitFor((c) => messagesIn(c, frame).length >= 5, 10_000, 'the exchange');
    const sent = messagesIn(capture, frame).filter((e) => e.dir === 'send');
    expect(sent.map((e) => [e.preview, e.fx?.kind])).toEqual([
      ['public-1', undefined],
      ['secret-2', 'dropped'],
      ['public-3', undefined],
    ]);
  });

  it('rewrite: the server gets the rewritten send, the page the rewritten receive, as a MessageEvent from the socket’s origin', async () => {
    const frame = await open([
      ruleOf('send', { m: 'contains', text: 'cat' }, { a: 'replace', find: 'cat', by: 'dog' }),
      ruleOf('recv', { m: 'regex', pattern: 'd.g' }, { a: 'replace', find: '(d)og', by: '$1oggo', regex: true }),
    ]);
    const from = server.received.length;
    await exchange(page, ['my cat', 'plain'], 2);
    const got = await result(page);
    expect(texts(from)).toEqual(['my dog', 'plain']);
    expect(got.map((g) => g.data)).toEqual(['my doggo', 'plain']);
    expect(got[0]).toMatchObject({ isMessageEvent: true, origin: server.wsOrigin });
    const capture = await reader.waitFor((c) => messagesIn(c, frame).length >= 4, 10_000, 'the exchange');
    const msgs = messagesIn(capture, frame);
    expect(msgs.map((e) => [e.dir, e.preview, e.fx?.kind, e.fx?.original])).toEqual([
      ['send', 'my dog', 'rewritten', 'my cat'],
      ['send', 'plain', undefined, undefined],
      ['recv', 'my doggo', 'rewritten', 'my dog'],
      ['recv', 'plain', undefined, undefined],
    ]);
  });

  it('hold: the held send and every later one wait; edited and forwarded, the server gets the edit first, in order', async () => {
    const frame = await open([ruleOf('send', { m: 'contains', text: 'hold me' }, { a: 'hold' })]);
    const from = server.received.length;
    await exchange(page, ['hold me', 'after-1', 'after-2'], 3, 20_000);
    const capture = await reader.waitFor((c) => c.events.some((e) => e.frame === frame && e.k === 'held'), 10_000, 'the held frame');
    const held = capture.events.find((e) => e.frame === frame && e.k === 'held');
    expect(held).toMatchObject({ dir: 'send', preview: 'hold me', ruleId: rule });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(texts(from)).toEqual([]); // nothing overtook the held frame
    await reader.post({
      type: 'command',
      frame,
      command: { c: 'hold', id: held?.conn, hold: held?.hold, decision: 'edited', text: 'edited!' },
    });
    const got = await result(page);
    expect(texts(from)).toEqual(['edited!', 'after-1', 'after-2']);
    expect(got.map((g) => g.data)).toEqual(['edited!', 'after-1', 'after-2']);
    const after = await reader.waitFor((c) => messagesIn(c, frame).length >= 6, 10_000, 'the exchange');
    expect(messagesIn(after, frame)[0].fx).toMatchObject({ kind: 'held', outcome: 'edited', original: 'hold me', hold: held?.hold });
  });

  it('delay: a delayed send keeps the later ones behind it, and the page sees the echoes in order', async () => {
    const frame = await open([ruleOf('send', { m: 'contains', text: 'slow' }, { a: 'delay', ms: 400 })]);
    const from = server.received.length;
    await exchange(page, ['slow-1', 'fast-2', 'fast-3'], 3);
    const got = await result(page);
    expect(texts(from)).toEqual(['slow-1', 'fast-2', 'fast-3']);
    expect(got.map((g) => g.data)).toEqual(['slow-1', 'fast-2', 'fast-3']);
    for (const g of got) expect(g.at).toBeGreaterThanOrEqual(400);
    const capture = await reader.waitFor((c) => messagesIn(c, frame).length >= 6, 10_000, 'the exchange');
    expect(messagesIn(capture, frame)[0].fx).toMatchObject({ kind: 'delayed', rule });
    expect(messagesIn(capture, frame)[0].fx?.ms).toBeGreaterThanOrEqual(400);
  });

  it('mock: the page gets the reply built from the request, and the server never sees the request', async () => {
    const frame = await open([ruleOf('send', { m: 'json-exists', path: 'id' }, { a: 'mock', template: '{"re":{{id}},"mocked":true}' })]);
    const from = server.received.length;
    await exchange(page, ['{"id":5,"q":"x"}', 'real'], 2);
    const got = await result(page);
    expect(texts(from)).toEqual(['real']);
    expect(got.map((g) => g.data)).toEqual(['{"re":5,"mocked":true}', 'real']);
    expect(got[0]).toMatchObject({ isMessageEvent: true, origin: server.wsOrigin });
    const capture = await reader.waitFor((c) => messagesIn(c, frame).length >= 4, 10_000, 'the exchange');
    expect(messagesIn(capture, frame).map((e) => [e.dir, e.fx?.kind])).toEqual([
      ['send', 'mocked'],
      ['recv', 'mock-reply'],
      ['send', undefined],
      ['recv', undefined],
    ]);
  });

  it('a close from the server while receives wait reaches the page after them, as a CloseEvent with its code', async () => {
    const frame = await open([ruleOf('recv', { m: 'any' }, { a: 'delay', ms: 1500 })]);
    const from = server.received.length;
    const before = new Set(server.sockets);
    await exchange(page, ['last words'], 1);
    await expect.poll(() => texts(from).includes('last words'), { timeout: 10_000, interval: 20 }).toBe(true);
    for (const ws of server.sockets) if (!before.has(ws)) ws.close(4002, 'bye');
    await page.waitForFunction(() => (window as unknown as { order: Got[] }).order.length === 2, { timeout: 10_000, polling: 50 });
    const got = await page.evaluate(() => (window as unknown as { order: Got[] }).order);
    expect(got.map((g) => g.data)).toEqual(['last words', 'close 4002']);
    // The server closed at once; the page saw the close only after the delayed message.
    expect(got[1].at).toBeGreaterThanOrEqual(got[0].at);
    expect(got[0].at).toBeGreaterThanOrEqual(1500);
    const capture = await reader.waitFor((c) => c.events.some((e) => e.frame === frame && e.k === 'close'), 10_000, 'the close');
    const kinds = capture.events
      .filter((e) => e.frame === frame && (e.k === 'msg' || e.k === 'close'))
      .map((e) => `${e.k} ${e.dir ?? e.code}`);
    expect(kinds).toEqual(['msg send', 'msg recv', 'close 4002']);
  });

  it('latency: every message waits the configured time each way, as measured in the page', async () => {
    const frame = await open([ruleOf('both', { m: 'any' }, { a: 'latency', ms: 250 })]);
    await exchange(page, ['ping'], 1);
    const got = await result(page);
    expect(got.map((g) => g.data)).toEqual(['ping']);
    expect(got[0].at).toBeGreaterThanOrEqual(500);
    expect(got[0].at).toBeLessThan(3000);
    const capture = await reader.waitFor((c) => messagesIn(c, frame).length >= 2, 10_000, 'the exchange');
    for (const e of messagesIn(capture, frame)) expect(e.fx?.ms).toBeGreaterThanOrEqual(250);
  });
});
