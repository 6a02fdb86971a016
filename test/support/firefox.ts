/**
 * Launches Debian's Firefox ESR through puppeteer-core over WebDriver BiDi, headless, with or without the
 * built extension (dist/firefox, installed as a temporary add-on, with its moz-extension uuid known in advance:
 * see scripts/firefox-addon.mjs), following ../shared/BROWSER-TESTING.md.
 */
import type { Browser, Page } from 'puppeteer-core';
import { launchFirefoxWithAddon } from '../../scripts/firefox-addon.mjs';
import { hasChromeScope } from '../../scripts/firefox-chrome-scope.mjs';
import { recordFailure } from './artifacts';
import { callInChrome } from './firefox-devtools';
import { pollWaitsFromNode } from './firefox-waits';
import { FIREFOX, FIREFOX_DIST } from './paths';

export interface FirefoxSession {
  browser: Browser;
  /** The page under test (the first tab). */
  page: Page;
  /** The extension's moz-extension uuid, or null when it is not installed. */
  uuid: string | null;
  /** `moz-extension://<uuid>`, or null when the extension is not installed. */
  extensionOrigin: string | null;
  /**
   * Whether the browser's chrome scope can be scripted (scripts/firefox-chrome-scope.mjs): the real toolbox,
   * the clipboard, the Menu key, context menus, prefs, host access and the event page need it. Tests that do
   * skip without it, with NO_CHROME_SCOPE as the reason.
   */
  chromeScope: boolean;
  /** Console lines of the pages, kept for failure reports. */
  logs: string[];
  /**
   * Opens an extension page (e.g. "/src/panel/panel.html?tabId=3") in a new tab. `page.goto` never
   * resolves for moz-extension URLs, so this navigates with raw BiDi and then waits for the document.
   */
  openExtensionPage(path: string): Promise<Page>;
  /**
   * Opens the panel page in a new tab for `target` (default: the page under test), as the real panel
   * shows it, with the inspected tab's id in `?tabId` (Firefox has no `devtools.inspectedWindow` there).
   */
  openPanel(target?: Page): Promise<Page>;
  /** The id that `browser.tabs` gives the page under test (asked from an extension page). */
  tabIdOf(page: Page, extensionPage: Page): Promise<number>;
  /**
   * The text on the system clipboard ('' when it holds none), read in the browser's chrome scope: web
   * pages may only read it after a user's paste gesture, which a test cannot give.
   */
  readClipboard(): Promise<string>;
  /**
   * Presses the Menu (ContextMenu) key in the selected tab. WebDriver's key table has no such key (puppeteer
   * over BiDi throws "Unknown key"), so it is dispatched from chrome scope with nsITextInputProcessor:
   * trusted keydown and keyup events to the focused element, as a keyboard gives them.
   */
  pressMenuKey(): Promise<void>;
  /**
   * How many times Firefox's own page context menu (#contentAreaContextMenu) has opened since the first
   * call, which starts counting. Each one is closed as soon as it shows, so the next can open.
   */
  browserContextMenus(): Promise<number>;
  /**
   * Evaluates `expression` in a WebDriver BiDi sandbox of `target`'s main frame and returns its string
   * value: the sandbox sees the page's DOM but none of the page's replaced built-ins or prototype traps
   * (the counterpart of a bare CDP Runtime.evaluate).
   */
  readInSandbox(target: Page, expression: string): Promise<string>;
  saveFailure(testName: string): Promise<string>;
  close(): Promise<void>;
}

const PANEL_PAGE = '/src/panel/panel.html';

/** () → '': the Menu key, pressed and released in the selected tab. */
const PRESS_MENU_KEY = `function () {
  gBrowser.selectedBrowser.focus();
  const tip = Cc['@mozilla.org/text-input-processor;1'].createInstance(Ci.nsITextInputProcessor);
  if (!tip.beginInputTransactionForTests(window)) throw new Error('no input transaction for the browser window');
  const key = new KeyboardEvent('', { key: 'ContextMenu', code: 'ContextMenu', keyCode: KeyboardEvent.DOM_VK_CONTEXT_MENU });
  tip.keydown(key);
  tip.keyup(key);
  return '';
}`;

/** () → the count of page context menus shown since the first call (which installs the counter). */
const COUNT_CONTEXT_MENUS = `function () {
  const menu = document.getElementById('contentAreaContextMenu');
  if (!menu) throw new Error('the browser window has no #contentAreaContextMenu');
  if (window.socketscopeContextMenus === undefined) {
    window.socketscopeContextMenus = 0;
    menu.addEventListener('popupshowing', (event) => {
      if (event.target === menu) window.socketscopeContextMenus += 1;
    });
    menu.addEventListener('popupshown', (event) => {
      if (event.target === menu) menu.hidePopup();
    });
  }
  return String(window.socketscopeContextMenus);
}`;

export interface FirefoxLaunchOptions {
  /** Install the extension (default true); false gives the native baseline for comparisons. */
  extension?: boolean;
  /** A folder where every download lands at once, without a dialog. */
  downloads?: string;
  /** Extra Firefox preferences. */
  prefs?: Record<string, unknown>;
}

/**
 * The counterpart of Chromium's --disable-background-timer-throttling: the inspected page sits in a
 * background tab once the panel page opens next to it, and Firefox would then run its timers at most once
 * a second (and less under budget throttling), which bends every reconnect backoff a test measures.
 */
const UNTHROTTLED_BACKGROUND_TABS: Record<string, unknown> = {
  'dom.min_background_timeout_value': 4,
  'dom.min_background_timeout_value_without_budget_throttling': 4,
  'dom.timeout.enable_budget_timer_throttling': false,
};

/** Preferences that save every download to `dir` without asking (Firefox 153). */
const downloadPrefs = (dir: string): Record<string, unknown> => ({
  'browser.download.folderList': 2,
  'browser.download.dir': dir,
  'browser.download.useDownloadDir': true,
  'browser.download.always_ask_before_handling_new_types': false,
  'browser.helperApps.neverAsk.saveToDisk': 'application/json',
  // The downloads panel would open over the page at each download.
  'browser.download.alwaysOpenPanel': false,
});

/** What WebDriver BiDi's script.evaluate answers (puppeteer may wrap it in `result`). */
interface SandboxResult {
  type?: string;
  result?: { value?: unknown };
}

interface BidiConnectionLike {
  send(method: string, params: unknown): Promise<unknown>;
}

/** The BiDi browsing-context id behind a puppeteer page (puppeteer keeps it as the main frame's `_id`). */
const contextIdOf = (page: Page): string => (page.mainFrame() as unknown as { _id: string })._id;

/** () → the clipboard's text/plain, or '' (chrome scope; headless Firefox keeps its own in-process clipboard). */
const READ_CLIPBOARD = `function () {
  const transferable = Cc['@mozilla.org/widget/transferable;1'].createInstance(Ci.nsITransferable);
  transferable.init(null);
  transferable.addDataFlavor('text/plain');
  Services.clipboard.getData(transferable, Ci.nsIClipboard.kGlobalClipboard);
  const data = {};
  try {
    transferable.getTransferData('text/plain', data);
  } catch {
    return '';
  }
  return data.value ? data.value.QueryInterface(Ci.nsISupportsString).data : '';
}`;

export async function launchFirefox(options: FirefoxLaunchOptions = {}): Promise<FirefoxSession> {
  const { browser, uuid, extensionOrigin } = await launchFirefoxWithAddon({
    executablePath: FIREFOX,
    addonDir: (options.extension ?? true) ? FIREFOX_DIST : null,
    prefs: { ...UNTHROTTLED_BACKGROUND_TABS, ...(options.downloads ? downloadPrefs(options.downloads) : {}), ...options.prefs },
    launchOptions: { protocolTimeout: 60_000 },
  });
  const logs: string[] = [];
  try {
    const [page] = await browser.pages();
    const listen = (p: Page, label: string) => {
      p.on('console', (m) => logs.push(`[${label}] ${m.type()}: ${m.text()}`));
      p.on('pageerror', (e) => logs.push(`[${label}] error: ${String(e)}`));
    };
    listen(page, 'page');
    const extensionPages: Page[] = [];
    const connection = (browser as unknown as { connection: BidiConnectionLike }).connection;

    const session: FirefoxSession = {
      browser,
      page,
      uuid,
      extensionOrigin,
      chromeScope: await hasChromeScope(browser),
      logs,
      async openExtensionPage(path) {
        if (!extensionOrigin) throw new Error('the extension is not installed in this session');
        const tab = await browser.newPage();
        pollWaitsFromNode(tab);
        // puppeteer's setViewport also sends emulation.setScreenOrientationOverride, which ESR 140 does not know
        // ("unknown command"): the viewport alone is BiDi's browsingContext.setViewport.
        tab.setViewport = async (viewport) => {
          const size = viewport ? { width: viewport.width, height: viewport.height } : null;
          await connection.send('browsingContext.setViewport', { context: contextIdOf(tab), viewport: size });
        };
        listen(tab, 'extension');
        extensionPages.push(tab);
        const url = `${extensionOrigin}${path}`;
        await connection.send('browsingContext.navigate', { context: contextIdOf(tab), url, wait: 'none' });
        // puppeteer's page.url() does not follow this navigation: ask the document itself.
        const loaded = () => tab.evaluate(() => (document.readyState === 'complete' ? location.href : '')).catch(() => '');
        const deadline = Date.now() + 20_000;
        while (!(await loaded()).startsWith(extensionOrigin)) {
          if (Date.now() > deadline) throw new Error(`the extension page ${url} did not load`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        return tab;
      },
      async openPanel(target = page) {
        const probe = await session.openExtensionPage(PANEL_PAGE);
        const tabId = await session.tabIdOf(target, probe);
        await probe.close();
        return session.openExtensionPage(`${PANEL_PAGE}?tabId=${tabId}`);
      },
      async readInSandbox(target, expression) {
        const response = (await connection.send('script.evaluate', {
          expression,
          target: { context: contextIdOf(target), sandbox: 'socketscope-test' },
          awaitPromise: false,
        })) as { result?: SandboxResult } & SandboxResult;
        const outcome = response.result ?? response;
        if (outcome.type !== 'success') throw new Error(`sandbox evaluation failed: ${JSON.stringify(outcome)}`);
        return String(outcome.result?.value ?? '');
      },
      async tabIdOf(target, extensionPage) {
        const url = target.url();
        const id = await extensionPage.evaluate(async (url: string) => {
          const api = (globalThis as unknown as { browser: typeof chrome }).browser;
          const tabs = await api.tabs.query({});
          return tabs.find((t) => t.url === url)?.id ?? null;
        }, url);
        if (id === null) throw new Error(`no tab shows ${url}`);
        return id;
      },
      readClipboard: () => callInChrome(browser, READ_CLIPBOARD),
      async pressMenuKey() {
        await callInChrome(browser, PRESS_MENU_KEY);
      },
      browserContextMenus: async () => Number(await callInChrome(browser, COUNT_CONTEXT_MENUS)),
      saveFailure: (testName) => recordFailure(testName, [page, ...extensionPages], logs),
      async close() {
        await browser.close().catch(() => undefined);
      },
    };
    return session;
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  }
}
