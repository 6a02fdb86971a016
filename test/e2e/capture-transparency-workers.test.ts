/**
 * Transparency on a worker page: a page that starts a dedicated worker (which starts a nested one), a module
 * worker and a shared worker, each opening a socket that sends a text and a binary message and closes once both
 * echoes are back (fixtures/workers.ts). What the page and its workers observe must be the same in a browser
 * without the extension, with it (Deep capture off: the default), in Chromium with Deep capture on, and in
 * Firefox, where the worker hook runs in every worker (src/background/firefox-workers/); the server must see the
 * same closes. Observations are timing-independent: each worker's close code, reason and
 * world (location, global names, WebSocket.prototype.send's source), and the page's worker constructors.
 * WebSocketStream's transparency is in capture-transparency.test.ts (the fingerprint's `stream` section).
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveWorkerPage } from '../fixtures/workers';
import { launchChromium } from '../support/chromium';
import { launchFirefox } from '../support/firefox';
import { clickButton, waitForPanel } from '../support/panel';
import { type FixtureServer, startFixtureServer } from '../support/servers';

interface Observed {
  workers: unknown[];
  page: Record<string, unknown>;
  serverCloses: string[];
}

let server: FixtureServer;
let url: string;

beforeAll(async () => {
  server = await startFixtureServer();
  url = serveWorkerPage(server);
});

afterAll(async () => {
  await server?.close();
});

/** Starts the page's workers (on a page already loaded) and returns what the page, its workers and the server saw. */
async function observe(page: Page): Promise<Observed> {
  server.closes.length = 0;
  const constructors = await page.evaluate(() => {
    const describe = (f: unknown) =>
      typeof f === 'function'
        ? [f.name, f.length, Function.prototype.toString.call(f), Object.getOwnPropertyNames(f).sort().join(',')]
        : typeof f;
    return {
      Worker: describe(window.Worker),
      SharedWorker: describe(window.SharedWorker),
      WebSocket: describe(window.WebSocket),
      send: describe(WebSocket.prototype.send),
      windowKeys: Object.getOwnPropertyNames(window)
        .filter((k) => /worker|socket/i.test(k))
        .sort(),
    };
  });
  await page.evaluate(() => (window as unknown as { __start(): void }).__start());
  await page.waitForFunction(() => (window as unknown as { __done: unknown[] }).__done.length === 4, { polling: 50, timeout: 30_000 });
  const workers = await page.evaluate(() =>
    (window as unknown as { __done: { label: string }[] }).__done.sort((a, b) => a.label.localeCompare(b.label)),
  );
  const deadline = Date.now() + 5_000;
  while (server.closes.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return { workers, page: constructors, serverCloses: server.closes.map((c) => `${c.path} ${c.code} ${c.reason}`).sort() };
}

function expectMeaningful(native: Observed) {
  expect(native.workers.map((w) => (w as { label: string; code: number }).code)).toEqual([4001, 4001, 4001, 4001]);
  expect(native.serverCloses).toHaveLength(4);
  expect((native.page.Worker as unknown[])[0]).toBe('Worker');
}

describe('a worker page in Chromium', () => {
  let native: Observed;

  beforeAll(async () => {
    const baseline = await launchChromium({ extension: false });
    try {
      await baseline.page.goto(url);
      native = await observe(baseline.page);
    } finally {
      await baseline.close();
    }
  });

  it('sees the same with the extension (Deep capture off) as without it', async () => {
    const session = await launchChromium({ devtools: false });
    try {
      await session.page.goto(url);
      expect(await observe(session.page)).toEqual(native);
    } finally {
      await session.close();
    }
    expectMeaningful(native);
  });

  it('sees the same with Deep capture on: worker sockets still send, receive and close as without the extension', async () => {
    const session = await launchChromium();
    try {
      await session.page.goto(url);
      const panel = await session.openPanel();
      await clickButton(panel, 'Deep capture (workers)');
      await waitForPanel(panel, () => (document.querySelector('#deep-capture-status')?.textContent ?? '').includes('Deep capture is on'));
      expect(await observe(session.page)).toEqual(native);
      // and Deep capture was really watching: the four worker sockets are in the panel
      await waitForPanel(panel, () => document.querySelectorAll('section[aria-label=Connections] tbody tr').length === 4);
    } finally {
      await session.close();
    }
  });
});

describe('a worker page in Firefox (workers captured through their own scripts)', () => {
  it('sees the same with the add-on as without it, while the worker hook captures every worker socket', async () => {
    const baseline = await launchFirefox({ extension: false });
    let native: Observed;
    try {
      await baseline.page.goto(url);
      native = await observe(baseline.page);
    } finally {
      await baseline.close();
    }
    const session = await launchFirefox();
    try {
      await session.page.goto(url);
      expect(await observe(session.page)).toEqual(native);
      // and the hook was really in the workers: their four sockets are in the panel
      const panel = await session.openPanel();
      await waitForPanel(panel, () => document.querySelectorAll('section[aria-label=Connections] tbody tr').length === 4);
    } finally {
      await session.close();
    }
    expectMeaningful(native);
  });
});
