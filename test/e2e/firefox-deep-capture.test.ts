/**
 * Deep capture in firefox-esr: Firefox gives extensions no debugger API, so there is no toggle and the
 * status bar names that reason, and sockets opened in workers stay out of the panel (content scripts run in documents
 * only) while the page's workers behave exactly as without the add-on. See docs/ARCHITECTURE.md, "Worker sockets".
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveWorkerPage } from '../fixtures/workers';
import { sleep } from '../support/chromium';
import { type FirefoxSession, launchFirefox } from '../support/firefox';
import { filteredCount, waitForPanel } from '../support/panel';
import { type FixtureServer, startFixtureServer } from '../support/servers';

let server: FixtureServer;
let session: FirefoxSession;
let panel: Page;

beforeAll(async () => {
  server = await startFixtureServer();
  const url = serveWorkerPage(server);
  session = await launchFirefox();
  await session.page.goto(url);
  panel = await session.openPanel();
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('Deep capture in Firefox', () => {
  it('has no toggle, and the status bar names the reason: no chrome.debugger', async () => {
    await waitForPanel(panel, () => document.querySelector('[aria-label="Capture health"]') !== null);
    expect(await panel.$('section[aria-label="Deep capture"]')).toBeNull();
    const health = await panel.$eval('[aria-label="Capture health"]', (el) => el.textContent ?? '');
    expect(health).toContain('Deep capture (workers) is unavailable here: Firefox has no chrome.debugger API for extensions.');
  });

  it('leaves the workers alone: their sockets work as without the add-on, and none shows up', async () => {
    await session.page.evaluate(() => (window as unknown as { __start(): void }).__start());
    await session.page.waitForFunction(() => (window as unknown as { __done: unknown[] }).__done.length === 4, {
      polling: 50,
      timeout: 20_000,
    });
    const done = await session.page.evaluate(() => (window as unknown as { __done: unknown[] }).__done);
    for (const label of ['dedicated', 'nested', 'module', 'shared']) {
      expect(done).toContainEqual(expect.objectContaining({ label, code: 4001, reason: 'bye' }));
    }
    await sleep(500); // what the relay would have sent by now
    await waitForPanel(panel, () => document.querySelector('[aria-label="Filtered count"]') !== null);
    expect(await filteredCount(panel)).toEqual([0, 0]);
  });
});
