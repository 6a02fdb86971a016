/**
 * Launches Debian's Chromium with the built extension and reaches the real DevTools panel of the
 * page under test, following ../shared/BROWSER-TESTING.md: the extension must be allowed (so no
 * puppeteer default args), DevTools is auto-opened for the one tab we navigate, and the
 * "WebSockets" tab is selected with Ctrl+[ until it is the active DevTools tab.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { selectedTabIds, selectPanelTab } from '../../scripts/devtools-panel.mjs';
import { recordFailure } from './artifacts';
import { CHROME_DIST, CHROMIUM, EXTENSION_ID } from './paths';

export const PANEL_TITLE = 'WebSockets';

/** Flags every test browser needs here (BROWSER-TESTING.md): closed network, no throttling of background tabs. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];
const PANEL_PATH = '/src/panel/panel.html';

export interface ChromiumSession {
  browser: Browser;
  /** The inspected page (the first tab). */
  page: Page;
  extensionId: string;
  /** The DevTools window's page, when DevTools is open. */
  devtools: Page | null;
  /** Console lines of the page and the panel, kept for failure reports. */
  logs: string[];
  /** Opens DevTools for the page when it was launched without (to test capture from before DevTools). */
  openDevtools(): Promise<Page>;
  /** Stops the extension's MV3 service worker, as the browser may at any moment. */
  stopServiceWorker(): Promise<void>;
  /** Opens (selects) the WebSockets panel and returns its frame. */
  openPanel(): Promise<Frame>;
  /** The panel frame as it is now (re-found each time: DevTools swaps frames while loading). */
  panel(): Promise<Frame>;
  /** Saves a screenshot and the console log when the current test failed; returns the folder. */
  saveFailure(testName: string): Promise<string>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Open DevTools for the page (default true). */
  devtools?: boolean;
  /** Load the extension (default true); false gives the native baseline for comparisons. */
  extension?: boolean;
  extraArgs?: string[];
  /** DevTools preferences written into the fresh profile, e.g. { 'ui-theme': 'dark', currentDockState: 'undocked' }. */
  devtoolsPreferences?: Record<string, string>;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<ChromiumSession> {
  const withExtension = options.extension ?? true;
  const withDevtools = withExtension && (options.devtools ?? true);
  const extensionWorker = (t: { type(): string; url(): string }) =>
    t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${EXTENSION_ID}/`);
  const profile = await mkdtemp(join(tmpdir(), 'socketscope-chromium-'));
  if (options.devtoolsPreferences) {
    // DevTools keeps its settings in the profile's Preferences, each value a JSON-encoded string.
    const preferences = Object.fromEntries(Object.entries(options.devtoolsPreferences).map(([k, v]) => [k, JSON.stringify(v)]));
    await mkdir(join(profile, 'Default'), { recursive: true });
    await writeFile(join(profile, 'Default', 'Preferences'), JSON.stringify({ devtools: { preferences } }));
  }
  const args = [
    '--headless=new',
    ...CHROMIUM_FLAGS,
    '--window-size=1400,900',
    `--user-data-dir=${profile}`,
    ...(withExtension ? [`--load-extension=${CHROME_DIST}`, `--disable-extensions-except=${CHROME_DIST}`] : ['--disable-extensions']),
    ...(withDevtools ? ['--auto-open-devtools-for-tabs'] : []),
    ...(options.extraArgs ?? []),
    'about:blank',
  ];
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    ignoreDefaultArgs: true,
    args,
    defaultViewport: null,
    protocolTimeout: 60_000,
  });
  const logs: string[] = [];
  try {
    if (withExtension) {
      const worker = await browser.waitForTarget(extensionWorker, { timeout: 30_000 });
      if (!worker) throw new Error('the extension service worker did not start');
    }
    const page = await firstPage(browser);
    page.on('console', (m) => logs.push(`[page] ${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => logs.push(`[page] error: ${String(e)}`));
    let devtools: Page | null = null;
    const getDevtools = async () => {
      if (devtools) return devtools;
      const target = await browser.waitForTarget((t) => t.url().startsWith('devtools://devtools/bundled/devtools_app.html'), {
        timeout: 30_000,
      });
      devtools = await target.asPage();
      devtools.on('console', (m) => logs.push(`[devtools] ${m.type()}: ${m.text()}`));
      return devtools;
    };
    if (withDevtools) await getDevtools();

    const session: ChromiumSession = {
      browser,
      page,
      extensionId: EXTENSION_ID,
      get devtools() {
        return devtools;
      },
      logs,
      async openDevtools() {
        if (devtools) return devtools;
        devtools = await page.openDevTools();
        devtools.on('console', (m) => logs.push(`[devtools] ${m.type()}: ${m.text()}`));
        return devtools;
      },
      async stopServiceWorker() {
        const target = browser.targets().find(extensionWorker);
        if (!target) return; // already stopped
        const worker = await target.worker();
        await worker?.close();
        const deadline = Date.now() + 10_000;
        while (browser.targets().some(extensionWorker)) {
          if (Date.now() > deadline) throw new Error('the service worker did not stop');
          await sleep(50);
        }
      },
      async openPanel() {
        await selectPanelTab(await getDevtools(), EXTENSION_ID, { keyboard: true });
        return session.panel();
      },
      async panel() {
        return panelFrameIn(await getDevtools(), EXTENSION_ID);
      },
      async saveFailure(testName) {
        const frames: Page[] = [page];
        if (devtools) frames.push(devtools);
        return recordFailure(testName, frames, logs);
      },
      async close() {
        await browser.close().catch(() => undefined);
        await rm(profile, { recursive: true, force: true }).catch(() => undefined);
      },
    };
    return session;
  } catch (error) {
    await browser.close().catch(() => undefined);
    await rm(profile, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
}

async function firstPage(browser: Browser): Promise<Page> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const pages = (await browser.pages()).filter((p) => !p.url().startsWith('devtools://'));
    if (pages.length) return pages[0];
    if (Date.now() > deadline) throw new Error('no page to drive');
    await sleep(100);
  }
}

/**
 * The SocketScope panel frame of the DevTools window `dt`, once its app has rendered. Re-found on every poll:
 * DevTools swaps frames while loading.
 */
export async function panelFrameIn(dt: Page, extensionId: string): Promise<Frame> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const frame = dt.frames().find((f) => f.url().startsWith(`chrome-extension://${extensionId}${PANEL_PATH}`));
    if (frame && (await frame.evaluate(() => document.querySelector('.app') !== null).catch(() => false))) return frame;
    if (Date.now() > deadline) throw new Error('the SocketScope panel frame did not load');
    await sleep(100);
  }
}

/** Ids of every selected tab in DevTools (the main strip, the drawer...); `npm start` reads them the same way. */
export { selectedTabIds };

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
