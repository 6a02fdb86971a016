/**
 * Service-worker sockets, measured for the README's capture table: Deep capture never attaches to a service worker
 * (being debugged changes its lifetime), so a socket a service worker opens is not captured, in Chromium with Deep
 * capture on (while a dedicated worker's socket on the same page is, which shows Deep capture was on), nor in
 * Firefox, whose worker hook leaves service-worker scripts alone (while it captures the dedicated worker's socket);
 * either way the service worker's socket works as usual.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureSnapshot } from '../support/capture-reader';
import { launchChromium } from '../support/chromium';
import { firefoxReader } from '../support/extension-reader';
import { launchFirefox } from '../support/firefox';
import { clickButton, waitForPanel } from '../support/panel';
import { type FixtureServer, startFixtureServer } from '../support/servers';

const JS = 'text/javascript; charset=utf-8';
let server: FixtureServer;
let url: string;

/** A socket that sends one text, closes with 4001 once it is echoed, and reports its close through `report`. */
const socketScript = (wsUrl: string, report: string) => `
  const ws = new WebSocket(${JSON.stringify(wsUrl)});
  ws.onopen = () => ws.send('hello');
  ws.onmessage = () => ws.close(4001, 'bye');
  ws.onclose = (c) => ${report}({ code: c.code, reason: c.reason });`;

beforeAll(async () => {
  server = await startFixtureServer();
  server.page('/sw.js', `self.onmessage = (e) => { ${socketScript(`${server.wsOrigin}/echo?service`, 'e.source.postMessage')} };`, JS);
  server.page('/dedicated.js', socketScript(`${server.wsOrigin}/echo?dedicated`, 'postMessage'), JS);
  url = server.page(
    '/service.html',
    `<!doctype html><title>service worker</title><script>
      window.__done = {};
      window.__ready = navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready).then(() => true);
      navigator.serviceWorker.onmessage = (e) => { __done.service = e.data; };
      window.__start = async () => {
        const registration = await navigator.serviceWorker.ready;
        registration.active.postMessage('open');
        const dedicated = new Worker('/dedicated.js');
        dedicated.onmessage = (e) => { __done.dedicated = e.data; };
        window.__worker = dedicated;
      };
    </script>`,
  );
});

afterAll(async () => {
  await server?.close();
});

async function runSockets(page: Page) {
  await page.evaluate(() => (window as never as { __ready: Promise<boolean> }).__ready);
  await page.evaluate(() => (window as never as { __start(): Promise<void> }).__start());
  await page.waitForFunction(() => Object.keys((window as never as { __done: object }).__done).length === 2, {
    polling: 50,
    timeout: 20_000,
  });
  const done = await page.evaluate(() => (window as never as { __done: object }).__done);
  expect(done).toEqual({ service: { code: 4001, reason: 'bye' }, dedicated: { code: 4001, reason: 'bye' } });
}

const creates = (c: CaptureSnapshot) => c.events.filter((e) => e.k === 'create').map((e) => e.url);

describe('service-worker sockets', () => {
  it('Chromium with Deep capture on: the dedicated worker’s socket is in the panel, the service worker’s is not', async () => {
    const session = await launchChromium();
    try {
      await session.page.goto(url);
      const panel = await session.openPanel();
      await clickButton(panel, 'Deep capture (workers)');
      await waitForPanel(panel, () => (document.querySelector('#deep-capture-status')?.textContent ?? '').includes('Deep capture is on'));
      await runSockets(session.page);
      await waitForPanel(panel, () =>
        [...document.querySelectorAll('section[aria-label=Connections] tbody tr')].some((tr) => tr.textContent?.includes('closed')),
      );
      await new Promise((r) => setTimeout(r, 1000)); // what Deep capture would have reported by now
      const urls = await panel.$$eval('section[aria-label=Connections] tbody tr', (rows) => rows.map((r) => r.textContent ?? ''));
      expect(urls).toHaveLength(1);
      expect(urls[0]).toContain(`${server.wsOrigin}/echo?dedicated`);
      expect(server.closes.map((c) => `${c.path} ${c.code}`).sort()).toEqual(['/echo?dedicated 4001', '/echo?service 4001']);
    } finally {
      await session.close();
    }
  });

  it('Firefox: the dedicated worker’s socket is captured (worker hook), the service worker’s is not, and both work', async () => {
    server.closes.length = 0;
    const session = await launchFirefox();
    try {
      await session.page.goto(url);
      await runSockets(session.page);
      const reader = await firefoxReader(session);
      const dedicated = `${server.wsOrigin}/echo?dedicated`;
      await reader.waitFor((c) => creates(c).includes(dedicated), 15_000, 'the dedicated worker’s socket');
      await new Promise((r) => setTimeout(r, 1000)); // what the service worker would have reported by now
      expect(creates(await reader.read())).toEqual([dedicated]);
      expect(server.closes.map((c) => `${c.path} ${c.code}`).sort()).toEqual(['/echo?dedicated 4001', '/echo?service 4001']);
      await reader.close();
    } finally {
      await session.close();
    }
  });
});
