// E2E helpers: build the demo client into a temp dir, start the demo server on it,
// and drive /usr/bin/chromium (headless, fresh profile) with puppeteer-core.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Locator, type Page } from 'puppeteer-core';
import { buildDemoClient } from '../../demo/build.mjs';
import { type DemoServer, type DemoServerOptions, startDemoServer } from '../../demo/server/index.mjs';
import { CHROMIUM_FLAGS } from '../support/chromium';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface DemoHarness {
  server: DemoServer;
  browser: Browser;
  /** Errors thrown in any page (uncaught exceptions). */
  pageErrors: string[];
  open(path: string): Promise<Page>;
  close(): Promise<void>;
}

/** Build the client, start the server on port 0 and launch Chromium. */
export async function startHarness(options: DemoServerOptions = {}): Promise<DemoHarness> {
  const work = await mkdtemp(join(tmpdir(), 'demo-e2e-'));
  const staticDir = await buildDemoClient({ outDir: join(work, 'dist'), logLevel: 'error' });
  const server = await startDemoServer({ port: 0, heartbeatMs: 0, ...options, staticDir });
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      userDataDir: join(work, 'profile'),
      args: CHROMIUM_FLAGS,
    });
  } catch (error) {
    await server.close();
    await rm(work, { recursive: true, force: true });
    throw error;
  }
  const pageErrors: string[] = [];
  return {
    server,
    browser,
    pageErrors,
    async open(path) {
      const page = await browser.newPage();
      page.on('pageerror', (error) => pageErrors.push(error instanceof Error ? error.message : String(error)));
      await page.goto(`${server.httpUrl}${path}`, { waitUntil: 'load' });
      return page;
    },
    async close() {
      await browser.close().catch(() => {});
      await server.close();
      await rm(work, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

export function byRole(page: Page, role: string, name: string): Locator<Element> {
  return page.locator(`::-p-aria([name="${name}"][role="${role}"])`);
}

// Locators wait for a stable position with requestAnimationFrame, which stalls in a background
// tab: bring the page to the front before acting on it.
export async function click(page: Page, buttonName: string): Promise<void> {
  await page.bringToFront();
  await byRole(page, 'button', buttonName).setTimeout(5000).click();
}

export async function fill(page: Page, textboxName: string, value: string): Promise<void> {
  await page.bringToFront();
  await byRole(page, 'textbox', textboxName).setTimeout(5000).fill(value);
}

export function text(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (element) => element.textContent ?? '');
}

/** Wait until the text of `selector` contains `expected` (or equals it, with exact). */
export async function waitForText(page: Page, selector: string, expected: string, exact = false): Promise<void> {
  try {
    await page.waitForFunction(
      (sel: string, want: string, whole: boolean) => {
        const value = document.querySelector(sel)?.textContent ?? '';
        return whole ? value === want : value.includes(want);
      },
      { polling: 50, timeout: 10_000 },
      selector,
      expected,
      exact,
    );
  } catch (error) {
    const actual = await text(page, selector).catch(() => '(missing)');
    throw new Error(`${selector}: expected ${exact ? '' : 'to contain '}"${expected}", got "${actual}" (${error})`);
  }
}

/** Texts of the items of a list. */
export function items(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (elements) => elements.map((element) => element.textContent ?? ''));
}
