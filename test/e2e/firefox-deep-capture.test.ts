/**
 * Worker sockets in firefox-esr: Firefox gives extensions no debugger API, so there is no Deep capture toggle;
 * instead the background puts the worker hook in front of each worker's script (src/background/firefox-workers/).
 * Sockets opened in a dedicated, a nested, a module and a shared worker appear in the panel labelled with their
 * worker, with messages, sizes, close code and reason, while the workers see exactly what they see in a Firefox
 * without the add-on; 1,000 sockets from one worker and a worker terminated mid-stream keep exact counts.
 * See docs/ARCHITECTURE.md, "Firefox: the worker's own script, rewritten on the wire".
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  serveManySocketsPage,
  serveTerminatedPage,
  serveWorkerFactsPage,
  serveWorkerPage,
  WORKER_BINARY,
  WORKER_TEXT,
} from '../fixtures/workers';
import { sleep } from '../support/chromium';
import { type FirefoxSession, launchFirefox } from '../support/firefox';
import { filterConnection, filteredCount, openActions, readTimeline, waitForPanel, waitForRowCount } from '../support/panel';
import { type FixtureServer, startFixtureServer } from '../support/servers';

const LABELS = ['dedicated', 'module', 'nested', 'shared'] as const;
const KIND: Record<(typeof LABELS)[number], string> = {
  dedicated: 'dedicated worker',
  nested: 'dedicated worker',
  module: 'dedicated worker',
  shared: 'shared worker',
};

let server: FixtureServer;
let session: FirefoxSession;
let panel: Page;
let url: string;

/** The Connections table's cells, without the Type column: #, URL, State, Protocol, Opened, Duration, Sent, Received, Close. */
const connectionRows = () =>
  panel.$eval('section[aria-label=Connections] table', (table) => {
    const type = [...table.querySelectorAll('thead th')].findIndex((th) => th.textContent === 'Type');
    return [...table.querySelectorAll('tbody tr')].map((r) =>
      [...r.querySelectorAll('td')].map((td) => td.textContent ?? '').filter((_, i) => i !== type),
    );
  });

/** What each worker saw (its close and its world), sorted by label. */
async function workerOutcomes(page: Page): Promise<{ label: string }[]> {
  await page.evaluate(() => (window as unknown as { __start(): void }).__start());
  await page.waitForFunction(() => (window as unknown as { __done: unknown[] }).__done.length === 4, { polling: 50, timeout: 20_000 });
  const done = await page.evaluate(() => (window as unknown as { __done: { label: string }[] }).__done);
  return done.sort((a, b) => a.label.localeCompare(b.label));
}

beforeAll(async () => {
  server = await startFixtureServer();
  url = serveWorkerPage(server);
  session = await launchFirefox();
  await session.page.goto(url);
  panel = await session.openPanel();
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('Worker sockets in Firefox', () => {
  it('has no Deep capture toggle: workers are captured without the debugger', async () => {
    await waitForPanel(panel, () => document.querySelector('[aria-label="Capture health"]') !== null);
    expect(await panel.$('section[aria-label="Deep capture"]')).toBeNull();
    const health = await panel.$eval('[aria-label="Capture health"]', (el) => el.textContent ?? '');
    expect(health).not.toContain('Deep capture (workers) is unavailable');
  });

  it('shows the sockets of a dedicated, a module, a nested and a shared worker with messages, sizes, code and reason; the workers see what they see without the add-on', async () => {
    const withAddon = await workerOutcomes(session.page);
    const native = await launchFirefox({ extension: false });
    let baseline: unknown[];
    try {
      await native.page.goto(url);
      baseline = await workerOutcomes(native.page);
    } finally {
      await native.close();
    }
    expect(withAddon.map((o) => o.label)).toEqual([...LABELS]);
    expect(withAddon).toEqual(baseline);

    await waitForPanel(panel, () => document.querySelectorAll('section[aria-label=Connections] tbody tr').length === 4);
    await waitForPanel(panel, () =>
      [...document.querySelectorAll('section[aria-label=Connections] td.state')].every((td) => td.textContent === 'closed'),
    );
    const rows = await connectionRows();
    for (const label of LABELS) {
      const row = rows.find((cells) => cells[1].includes(`/echo?${label}`));
      expect(row, label).toBeDefined();
      const bytes = Buffer.byteLength(WORKER_TEXT(label)) + WORKER_BINARY.length;
      expect(row![1]).toContain(`(${KIND[label]} ${server.origin}/workers/${label}.js · observe only)`);
      expect(row![6]).toBe(`2 · ${bytes} B`);
      expect(row![7]).toBe(`2 · ${bytes} B`);
      expect(row![8]).toContain('4001');
      expect(row![8]).toContain('bye');

      await filterConnection(panel, Number(row![0]));
      await waitForRowCount(panel, 8);
      const timeline = await readTimeline(panel);
      expect(timeline.map((r) => r.kind)).toEqual(['create', 'open', 'send', 'send', 'recv', 'recv', 'close-call', 'close']);
      expect(timeline[0].text).toContain(`${server.wsOrigin}/echo?${label}`);
      expect(timeline.map((r) => r.size).slice(2, 6)).toEqual([
        `${Buffer.byteLength(WORKER_TEXT(label))} B`,
        '4 B',
        `${Buffer.byteLength(WORKER_TEXT(label))} B`,
        '4 B',
      ]);
      expect([timeline[2].text, timeline[3].text, timeline[4].text, timeline[5].text]).toEqual([
        WORKER_TEXT(label),
        '01 02 03 ff',
        WORKER_TEXT(label),
        '01 02 03 ff',
      ]);
      expect(timeline[7].text).toContain('4001');
      expect(timeline[7].text).toContain('bye');
    }
    await filterConnection(panel, 'all');
  });

  it('says "observe only" where the actions cannot reach a worker socket', async () => {
    const dedicated = (await connectionRows()).find((cells) => cells[1].includes('/echo?dedicated'))!;
    await filterConnection(panel, Number(dedicated[0]));
    await openActions(panel);
    const note = await panel.$eval('.actions-note', (el) => el.textContent ?? '');
    expect(note).toContain(`Observe only: connection #${dedicated[0]} lives in a dedicated worker`);
    expect(await panel.$eval('::-p-aria(Send to server[role="button"])', (el) => (el as HTMLButtonElement).disabled)).toBe(true);
    await filterConnection(panel, 'all');
  });

  it("keeps a worker's strictness, line numbers, import.meta.url and a native-looking WebSocket", async () => {
    const factsOf = async (page: Page) => {
      await page.goto(serveWorkerFactsPage(server));
      await page.evaluate(() => (window as unknown as { __start(): void }).__start());
      await page.waitForFunction(() => (window as unknown as { __facts: unknown[] }).__facts.length === 2, {
        polling: 50,
        timeout: 20_000,
      });
      const facts = await page.evaluate(() => (window as unknown as { __facts: { label: string }[] }).__facts);
      return facts.sort((a, b) => a.label.localeCompare(b.label));
    };
    const native = await launchFirefox({ extension: false });
    let baseline: unknown[];
    try {
      baseline = await factsOf(native.page);
    } finally {
      await native.close();
    }
    const facts = await factsOf(session.page);
    expect(facts).toEqual(baseline);
    expect(facts).toMatchObject([
      { label: 'module', strict: true, meta: [`${server.origin}/workers/facts-module.mjs`, `${server.origin}/workers/facts-module.mjs`] },
      { label: 'strict', strict: true, stack: expect.stringContaining('strict.js:6:') },
    ]);
    // and the hook was there: both sockets are in the panel, with their close
    await waitForPanel(
      panel,
      () =>
        [...document.querySelectorAll('section[aria-label=Connections] tbody tr')].filter((r) =>
          /facts-(strict|module)[\s\S]*1000/.test(r.textContent ?? ''),
        ).length === 2,
    );
  });

  it('leaves a worker script it cannot rewrite for sure as it came, and the status bar says why', async () => {
    // A directive without its semicolon: whether the next line continues it cannot be known without parsing.
    server.page(
      '/workers/no-semicolon.js',
      `"use strict"\nconst ws = new WebSocket(${JSON.stringify(`${server.wsOrigin}/echo?unrewritten`)});\nws.onopen = () => ws.close(1000, 'x');\nws.onclose = (e) => postMessage([e.code, (function () { return this === undefined; })()]);`,
      'text/javascript',
    );
    const page = server.page(
      '/unrewritten.html',
      `<!doctype html><title>unrewritten</title><script>
        window.__start = () => { new Worker('/workers/no-semicolon.js').onmessage = (e) => (window.__done = e.data); };
      </script>`,
    );
    await session.page.goto(page);
    await session.page.evaluate(() => (window as unknown as { __start(): void }).__start());
    await session.page.waitForFunction(() => (window as unknown as { __done?: unknown }).__done !== undefined, {
      polling: 50,
      timeout: 20_000,
    });
    expect(await session.page.evaluate(() => (window as unknown as { __done: unknown }).__done)).toEqual([1000, true]);
    await waitForPanel(panel, () =>
      (document.querySelector('[aria-label="Capture health"]')?.textContent ?? '').includes('worker script left as it was'),
    );
    const note = await panel.$eval('[aria-label="Capture health"] .note', (el) => el.getAttribute('title') ?? '');
    expect(note).toBe(
      `worker script left as it was, so its sockets are not captured: ${server.origin}/workers/no-semicolon.js (a directive prologue without semicolons)`,
    );
    expect((await connectionRows()).filter((cells) => cells[1].includes('unrewritten'))).toEqual([]);
  });

  it('shows a shared worker used by two tabs in the panel of the first tab, with the sockets both tabs asked for', async () => {
    server.page(
      '/workers/two-tabs.js',
      `onconnect = (c) => { const port = c.ports[0]; port.onmessage = (m) => { const ws = new WebSocket(${JSON.stringify(`${server.wsOrigin}/echo?`)} + m.data); ws.onopen = () => ws.close(1000, 'done'); ws.onclose = (e) => port.postMessage(e.code); }; };`,
      'text/javascript',
    );
    const page = server.page(
      '/two-tabs.html',
      `<!doctype html><title>two tabs</title><script>
        window.__start = (label) => { const s = new SharedWorker('/workers/two-tabs.js'); s.port.onmessage = (e) => (window.__done = e.data); s.port.postMessage(label); };
      </script>`,
    );
    const start = async (tab: Page, label: string) => {
      await tab.evaluate((l) => (window as unknown as { __start(label: string): void }).__start(l), label);
      await tab.waitForFunction(() => (window as unknown as { __done?: number }).__done === 1000, { polling: 50, timeout: 20_000 });
    };
    await session.page.goto(page);
    await start(session.page, 'shared-first-tab');
    const second = await session.browser.newPage();
    try {
      // Another URL, so that the panel finds this tab by it (openPanel looks tabs up by URL).
      await second.goto(`${page}?second`);
      await start(second, 'shared-second-tab');
      const secondPanel = await session.openPanel(second);
      await waitForPanel(panel, () => document.querySelectorAll('section[aria-label=Connections] tbody tr').length === 2);
      const urls = (await connectionRows()).map((cells) => cells[1]);
      expect(urls).toEqual([expect.stringContaining('shared-first-tab'), expect.stringContaining('shared-second-tab')]);
      expect(urls.every((u) => u.includes(`(shared worker ${server.origin}/workers/two-tabs.js · observe only)`))).toBe(true);
      await waitForPanel(secondPanel, () => document.querySelector('[aria-label="Filtered count"]') !== null);
      expect(await filteredCount(secondPanel)).toEqual([0, 0]);
    } finally {
      await second.close();
    }
  });

  it('counts a worker that opens 1,000 sockets exactly', async () => {
    const count = 1000;
    await session.page.goto(serveManySocketsPage(server, count));
    await session.page.evaluate(() => (window as unknown as { __start(): void }).__start());
    await session.page.waitForFunction(() => (window as unknown as { __done?: object }).__done !== undefined, {
      polling: 100,
      timeout: 60_000,
    });
    const seen = await session.page.evaluate(() => (window as unknown as { __done: Record<string, number> }).__done);
    expect(seen).toEqual({ opened: count, received: count, errors: 0, closed: count });
    // Every socket: create, open, its send, the echo, the close() call and the close.
    const expected = count * 6;
    await panel.waitForFunction(
      (n) => /\/ (\d+) events/.exec(document.querySelector('[aria-label="Filtered count"]')?.textContent ?? '')?.[1] === String(n),
      { polling: 200, timeout: 60_000 },
      expected,
    );
    expect(await filteredCount(panel)).toEqual([expected, expected]);
    expect((await connectionRows()).length).toBe(count);
    expect(await panel.$eval('body', (b) => b.textContent ?? '')).not.toContain('missing from the sequence');
  });

  it('ends the socket of a worker terminated mid-stream with a row that says so, every message counted', async () => {
    await session.page.goto(serveTerminatedPage(server));
    const earlier = server.received.length;
    await session.page.evaluate(() => (window as unknown as { __start(): void }).__start());
    await session.page.waitForFunction(() => (window as unknown as { __echoes: number }).__echoes >= 20, { polling: 20, timeout: 20_000 });
    await session.page.evaluate(() => (window as unknown as { __kill(): void }).__kill());
    await sleep(500);
    const sentToServer = server.received.slice(earlier).filter((m) => m.data.toString().startsWith('tick ')).length;
    await waitForPanel(panel, () => document.querySelectorAll('section[aria-label=Connections] tbody tr').length === 1);
    await waitForPanel(panel, () => document.querySelector('section[aria-label=Connections] td.state')?.textContent === 'closed');
    const [row] = await connectionRows();
    const sent = Number(/^(\d+) ·/.exec(row[6])?.[1]);
    const received = Number(/^(\d+) ·/.exec(row[7])?.[1]);
    expect(sent).toBeGreaterThanOrEqual(sentToServer);
    expect(row[8]).toContain('closed (the worker ended before its socket closed)');
    await filterConnection(panel, Number(row[0]));
    // create, open, each message, and the close that says why.
    expect((await filteredCount(panel))[0]).toBe(3 + sent + received);
    const timeline = await readTimeline(panel);
    expect(timeline.at(-1)?.text).toBe('close · the worker ended before its socket closed');
    await filterConnection(panel, 'all');
  });
});
