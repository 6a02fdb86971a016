/**
 * WebSocketStream capture. Chromium 156 ships WebSocketStream: a page's streams (fixtures/capture/
 * stream.js) are captured with their `opened` values, every chunk written and read, and their close
 * info (close() with a code and reason, a cancelled reader, an AbortSignal, a failed connection), and
 * the real DevTools panel lists each as a connection of type "stream". Firefox ESR 153 has no
 * WebSocketStream: there the page sees none, with or without the extension, and WebSocket capture
 * goes on as before.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveArtifactsOnFailure } from '../support/artifacts';
import type { CapturedEvent, CaptureReader, CaptureSnapshot } from '../support/capture-reader';
import { type ChromiumSession, launchChromium } from '../support/chromium';
import { chromiumReader, firefoxReader } from '../support/extension-reader';
import { type FirefoxSession, launchFirefox } from '../support/firefox';
import { clickButton, openActions, panelText, waitForPanel } from '../support/panel';
import { type FixtureServer, startFixtureServer } from '../support/servers';

const STREAMS = readFileSync(new URL('../fixtures/capture/stream.js', import.meta.url), 'utf8');

let server: FixtureServer;
let reader: CaptureReader | undefined;

beforeEach(async () => {
  server = await startFixtureServer();
  return async () => {
    await reader?.close().catch(() => undefined);
    reader = undefined;
    await server.close();
  };
});

const page = () => server.page('/streams.html', `<!doctype html><html><head><script>${STREAMS}</script></head><body>streams</body></html>`);

/** The events of the connection created for `url`, the n-th one with that URL (0-based). */
function connection(capture: CaptureSnapshot, url: string, nth = 0): CapturedEvent[] {
  const create = capture.events.filter((e) => e.k === 'create' && e.url === url)[nth];
  return create ? capture.events.filter((e) => e.frame === create.frame && e.conn === create.conn) : [];
}

const kinds = (events: CapturedEvent[]) => events.map((e) => (e.k === 'msg' ? `${e.dir}:${e.binary ? 'bin' : 'text'}:${e.size}` : e.k));

describe('WebSocketStream (Chromium)', () => {
  let session: ChromiumSession | undefined;
  saveArtifactsOnFailure(() => session);
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('captures create, open, every chunk written and read, and the close info; the panel lists each as a "stream" connection', async () => {
    session = await launchChromium();
    await session.page.goto(page());
    const echo = `${server.wsOrigin}/echo`;
    const seen = await session.page.evaluate(
      (url: string) => (window as never as { socketscopeStreams(u: string): unknown }).socketscopeStreams(url),
      echo,
    );
    // What the page itself saw: the capture changed nothing.
    expect(seen).toEqual({
      exchange: { protocol: 'chat', seen: ['hello stream', '1,2,3,4,5', '42'], closed: { closeCode: 4001, reason: 'bye' } },
      cancelled: { first: 'one', closed: { closeCode: 1005, reason: '' } },
      aborted: { opened: 'AbortError', closed: 'AbortError' },
      failed: { closed: { name: 'WebSocketError', closeCode: 1006 } },
    });

    reader = await chromiumReader(session);
    const capture = await reader.waitFor((c) => c.events.filter((e) => e.k === 'close').length >= 4, 20_000, 'four closed streams');
    const exchange = connection(capture, echo, 0);
    expect(exchange[0]).toMatchObject({ k: 'create', api: 'stream', protocols: ['chat'] });
    expect(kinds(exchange)).toEqual([
      'create',
      'open',
      'send:text:12',
      'recv:text:12',
      'send:bin:5',
      'recv:bin:5',
      'send:text:2',
      'recv:text:2',
      'close-call',
      'close',
    ]);
    expect(exchange[1]).toMatchObject({ protocol: 'chat', extensions: '' });
    expect(exchange.filter((e) => e.k === 'msg').map((e) => e.preview)).toEqual([
      'hello stream',
      'hello stream',
      'AQIDBAU=',
      'AQIDBAU=',
      '42',
      '42',
    ]);
    expect(exchange[8]).toMatchObject({ code: 4001, reason: 'bye' });
    expect(exchange[9]).toMatchObject({ code: 4001, reason: 'bye', wasClean: true });

    // A cancelled reader: the cancel is recorded, and only what the page read counts as received.
    const cancelled = connection(capture, echo, 1);
    expect(kinds(cancelled)).toEqual(['create', 'open', 'send:text:3', 'send:text:3', 'recv:text:3', 'close-call', 'close']);
    expect(cancelled[5]).toMatchObject({ via: 'cancel', reason: 'enough' });
    expect(cancelled[6]).toMatchObject({ code: 1005, wasClean: true });

    const aborted = connection(capture, echo, 2);
    expect(kinds(aborted)).toEqual(['create', 'error', 'close']);
    expect(aborted[1].error).toMatch(/^AbortError: /);
    expect(aborted[2]).toMatchObject({ code: 1006, wasClean: false });

    const failed = connection(capture, 'ws://127.0.0.1:9/nothing');
    expect(kinds(failed)).toEqual(['create', 'error', 'close']);
    expect(failed[1].error).toMatch(/^WebSocketError: /);
    expect(failed[2]).toMatchObject({ code: 1006, wasClean: false });
    for (const counters of Object.values(capture.counters)) expect(counters).toMatchObject({ rejected: 0, faults: 0 });

    // The real DevTools panel: four "stream" connections, the first with its traffic and close info.
    const panel = await session.openPanel();
    await waitForPanel(panel, () => document.querySelectorAll('.connections tbody tr').length === 4);
    const first = await panelText(panel, '.connections tbody tr:first-child');
    expect(first).toContain('stream');
    expect(first).toMatch(/3 · 19 B/); // 12 + 5 + 2 bytes each way
    expect(first).toContain('4001');
    expect(first).toContain('"bye"');
    expect(first).toContain('clean');
    const types = await panel.$$eval('.connections tbody tr td.api', (cells) => cells.map((c) => c.textContent));
    expect(types).toEqual(['stream', 'stream', 'stream', 'stream']);
    // The timeline names the API and how the page ended the cancelled stream.
    const previews = await panel.$$eval('[role=listbox][aria-label=Messages] [role=option] .c-preview', (cells) =>
      cells.map((c) => c.textContent ?? ''),
    );
    expect(previews).toContain(`new WebSocketStream(${echo})`);
    expect(previews).toContain('readable.cancel() called "enough"');
    expect(previews.some((p) => p.startsWith('error · AbortError: '))).toBe(true);
  });
});

/** A page that holds its stream's writer and reader locks for good and reads every chunk into `window.streamRead`. */
const LOCKED_PAGE = (url: string) => `<!doctype html><html><head><script>
  window.streamRead = [];
  const stream = new WebSocketStream('${url}');
  stream.opened.then(async ({ readable, writable }) => {
    window.pageWriter = writable.getWriter();
    const reader = readable.getReader();
    window.__done = true;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      window.streamRead.push(typeof value === 'string' ? value : 'binary ' + value.byteLength);
    }
  });
  stream.closed.then((info) => { window.streamClosed = info; });
</script></head><body>locked</body></html>`;

describe('actions on a WebSocketStream (Chromium DevTools panel)', () => {
  let session: ChromiumSession | undefined;
  saveArtifactsOnFailure(() => session);
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('sends through the page-locked writer, injects a read, closes with a code and reason, refuses in offline mode; drop says why it is unavailable', async () => {
    session = await launchChromium();
    const url = server.page('/locked.html', LOCKED_PAGE(`${server.wsOrigin}/echo`));
    await session.page.goto(url);
    await session.page.waitForFunction(() => (window as { __done?: boolean }).__done === true, { polling: 50 });
    const panel = await session.openPanel();
    await waitForPanel(panel, () => document.querySelector('.connections td.api')?.textContent === 'stream');
    await openActions(panel);
    const fill = async (label: string, text: string) => {
      // Cleared through an input event, so that the panel's state is empty too: a re-render between the clear
      // and the first key would otherwise put the old text back (it did, once, on a loaded CI run).
      await panel.$eval(`[aria-label="${label}"]`, (el) => {
        (el as HTMLInputElement).value = '';
        el.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await (await panel.waitForSelector(`[aria-label="${label}"]`))!.type(text);
    };
    const pageRead = () => session!.page.evaluate(() => (window as never as { streamRead: string[] }).streamRead);

    await fill('Message', 'from the panel');
    await clickButton(panel, 'Send to server');
    // The server got it (the page's writer lock did not stand in the way) and the page read its echo.
    await expect.poll(() => server.received.map((m) => m.data.toString()), { timeout: 10_000 }).toContain('from the panel');
    await expect.poll(pageRead, { timeout: 10_000 }).toEqual(['from the panel']);

    await fill('Message', 'injected read');
    await clickButton(panel, 'Inject as received');
    await expect.poll(pageRead, { timeout: 10_000 }).toEqual(['from the panel', 'injected read']);
    expect(server.received).toHaveLength(1);

    const drop = await panel.waitForSelector('::-p-aria(Drop connection[role="button"])');
    expect(await drop!.evaluate((b) => (b as HTMLButtonElement).disabled)).toBe(true);
    expect(await panelText(panel, '#actions-drop-unavailable')).toContain('a WebSocketStream');

    await fill('Close code', '4002');
    await fill('Close reason', 'from panel');
    await clickButton(panel, 'Close connection');
    await expect
      .poll(() => session!.page.evaluate(() => (window as { streamClosed?: unknown }).streamClosed), { timeout: 10_000 })
      .toEqual({ closeCode: 4002, reason: 'from panel' });

    reader = await chromiumReader(session);
    const capture = await reader.waitFor((c) => c.events.some((e) => e.k === 'close'), 10_000, 'the closed stream');
    const events = capture.events.filter((e) => e.k !== 'create' && e.k !== 'open');
    expect(
      events.map((e) => (e.k === 'msg' ? `${e.dir}:${e.preview}${e.injected ? ':injected' : ''}` : `${e.k}:${e.action ?? ''}`)),
    ).toEqual([
      'send:from the panel:injected',
      'action:send',
      'recv:from the panel',
      'recv:injected read:injected',
      'action:receive',
      'action:close',
      'close:',
    ]);
    expect(events.at(-1)).toMatchObject({ code: 4002, reason: 'from panel', wasClean: true });

    // Offline mode refuses a new stream as a refused connection fails: opened and closed reject.
    await fill('Offline pattern', '/echo');
    await panel.click('[aria-label="Offline mode"]');
    const attempt = () =>
      session!.page.evaluate(async (target: string) => {
        type Failure = { name: string; closeCode?: number };
        type Stream = { opened: Promise<unknown>; closed: Promise<{ closeCode: number }>; close(): void };
        const stream = new (window as never as { WebSocketStream: new (url: string) => Stream }).WebSocketStream(target);
        const outcome = await stream.opened.then(
          () => 'opened',
          (e: Failure) => e.name,
        );
        if (outcome === 'opened') stream.close();
        const closed = await stream.closed.then(
          (info) => info.closeCode,
          (e: Failure) => `${e.name} ${e.closeCode}`,
        );
        return `${outcome}, ${closed}`;
      }, `${server.wsOrigin}/echo`);
    await expect.poll(attempt, { timeout: 10_000, interval: 200 }).toBe('WebSocketError, WebSocketError 1006');
    const refused = await reader.waitFor((c) => c.events.some((e) => e.k === 'action' && e.action === 'refuse'), 10_000, 'a refusal');
    const refusal = refused.events.find((e) => e.k === 'action' && e.action === 'refuse')!;
    const ofRefused = refused.events.filter((e) => e.conn === refusal.conn && e.frame === refusal.frame).map((e) => e.k);
    expect(ofRefused).toEqual(['create', 'action', 'error', 'close']);
    expect(refused.events.find((e) => e.k === 'create' && e.conn === refusal.conn)?.api).toBe('stream');
  });
});

describe('WebSocketStream (Firefox)', () => {
  let session: FirefoxSession | undefined;
  saveArtifactsOnFailure(() => session);
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('has no WebSocketStream in Firefox ESR 153, with or without the extension, and WebSocket capture goes on', async () => {
    const baseline = await launchFirefox({ extension: false });
    try {
      await baseline.page.goto(page());
      expect(await baseline.page.evaluate(() => typeof (window as { WebSocketStream?: unknown }).WebSocketStream)).toBe('undefined');
    } finally {
      await baseline.close();
    }
    session = await launchFirefox();
    await session.page.goto(page());
    const echo = `${server.wsOrigin}/echo`;
    const result = await session.page.evaluate(async (url: string) => {
      const absent = typeof (window as { WebSocketStream?: unknown }).WebSocketStream;
      const socket = new WebSocket(url);
      await new Promise((resolve) => socket.addEventListener('open', resolve));
      socket.send('still captured');
      const echoed = await new Promise((resolve) => socket.addEventListener('message', (e) => resolve(e.data)));
      socket.close();
      return { absent, echoed, inWindow: 'WebSocketStream' in window };
    }, echo);
    expect(result).toEqual({ absent: 'undefined', echoed: 'still captured', inWindow: false });
    reader = await firefoxReader(session);
    await reader.waitFor((c) => c.events.some((e) => e.k === 'msg' && e.dir === 'recv' && e.preview === 'still captured'), 15_000);
  });

  it.skip('captures WebSocketStream traffic: Firefox ESR 153 has no WebSocketStream (typeof WebSocketStream === "undefined")', () => {});
});
