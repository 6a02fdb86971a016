/**
 * The REAL Firefox DevTools panel of the add-on, reached through Firefox-internal chrome-scope
 * scripting over WebDriver BiDi. This needs `--remote-allow-system-access`, which launchFirefox passes.
 *
 * How it gets there (checked on Firefox ESR 153):
 * 1. `browsingContext.getTree` with `{"moz:scope": "chrome"}` lists the browser window
 *    (chrome://browser/content/browser.xhtml); `script.callFunction` runs code in it.
 * 2. There, DevTools' CommonJS loader gives `gDevTools`
 *    (`resource://devtools/client/framework/devtools.sys.mjs` does not exist in 153: importing it fails
 *    with "Failed to load resource://devtools/client/framework/devtools.sys.mjs").
 *    `gDevTools.showToolboxForTab(tab)` opens the toolbox; the extension's panel is an "additional tool"
 *    whose label is the title given to `devtools.panels.create`, and `toolbox.selectTool(id)` shows it.
 * 3. The panel page runs in a remote (extension-process) `<browser id="webext-panels-browser">` inside
 *    the tool's iframe (chrome://browser/content/webext-panels.xhtml). BiDi cannot target it:
 *    getTree lists only tab browsers and the children of chrome windows, not browsers embedded in
 *    chrome documents. Its document is not reachable from the parent process either (contentDocument is
 *    null for a remote browser), so a one-shot frame script, loaded through the browser's message manager,
 *    reads the panel's DOM in the extension process and posts a snapshot back.
 *
 * Everything here is Firefox-internal and may change between versions: keep it to one smoke test.
 */
import type { Browser } from 'puppeteer-core';

/** What the frame script reads from the panel's document. */
export interface PanelSnapshot {
  /** The panel document's URL (about:blank until the extension page has loaded). */
  href: string;
  /** `<html data-theme>`, set by the panel from the DevTools theme. */
  theme: string | null;
  /** Text of the message list (`[role=listbox][aria-label=Messages]`), or null when absent. */
  rows: string | null;
  /** Text of the connection list (`section[aria-label=Connections]`), or null when absent. */
  connections: string | null;
  /** Text of the host-access banner (`.access-banner`), or null when it is not shown. */
  banner: string | null;
  /** The start of the panel's visible text, for failure reports. */
  text: string;
}

export interface DevToolsPanelHandle {
  /** The toolbox's id for the extension's panel (e.g. "webext-devtools-panel-socketscope_…-0"). */
  toolId: string;
  /** Where the toolbox is docked ("bottom" in a fresh profile). */
  hostType: string;
  /** One snapshot of the panel's document (about:blank fields while it loads). */
  read(): Promise<PanelSnapshot>;
  /** Polls the panel's document until `accept` holds; throws with the last snapshot after `timeoutMs`. */
  waitFor(accept: (snapshot: PanelSnapshot) => boolean, timeoutMs?: number): Promise<PanelSnapshot>;
  /** Closes the toolbox (best effort, bounded). */
  close(): Promise<void>;
}

interface BidiResponse {
  result: {
    type: 'success' | 'exception';
    result?: { type: string; value?: unknown };
    exceptionDetails?: { text: string };
  };
}

interface BidiConnection {
  send(method: string, params: unknown): Promise<unknown>;
}

const BROWSER_WINDOW = 'chrome://browser/content/browser.xhtml';

const connectionOf = (browser: Browser): BidiConnection => (browser as unknown as { connection: BidiConnection }).connection;

/** The BiDi id of the (first) browser window's chrome context. */
async function chromeContext(browser: Browser): Promise<string> {
  const tree = (await connectionOf(browser).send('browsingContext.getTree', { 'moz:scope': 'chrome' })) as {
    result: { contexts: { context: string; url: string }[] };
  };
  const window = tree.result.contexts.find((c) => c.url === BROWSER_WINDOW);
  if (!window) {
    throw new Error(`no chrome context shows ${BROWSER_WINDOW}: ${JSON.stringify(tree.result.contexts.map((c) => c.url))}`);
  }
  return window.context;
}

/**
 * Calls `functionDeclaration` (JavaScript source, not a TS function: transpilers may add helpers that
 * do not exist in chrome scope) in the browser window's chrome scope with string arguments, and returns
 * the string it resolves to.
 */
export async function callInChrome(browser: Browser, functionDeclaration: string, ...args: string[]): Promise<string> {
  const response = (await connectionOf(browser).send('script.callFunction', {
    functionDeclaration,
    awaitPromise: true,
    target: { context: await chromeContext(browser) },
    arguments: args.map((value) => ({ type: 'string', value })),
    resultOwnership: 'none',
  })) as BidiResponse;
  const { result } = response;
  if (result.type === 'exception') throw new Error(`chrome-scope script failed: ${result.exceptionDetails?.text}`);
  const value = result.result?.value;
  return typeof value === 'string' ? value : '';
}

/** Shared prologue: DevTools' loader and gDevTools, in chrome scope. */
const GDEVTOOLS = `
  const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
  const { gDevTools } = require('devtools/client/framework/devtools');
`;

/** (pageUrl, title, timeoutMs) → JSON {toolId, hostType}: opens the toolbox of the tab and selects the panel. */
const OPEN_PANEL = `async function (pageUrl, title, timeoutMs) {
  ${GDEVTOOLS}
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const tab = gBrowser.tabs.find((t) => t.linkedBrowser.currentURI.spec === pageUrl);
  if (!tab) throw new Error('no tab shows ' + pageUrl + ': ' + gBrowser.tabs.map((t) => t.linkedBrowser.currentURI.spec).join(', '));
  gBrowser.selectedTab = tab;
  const toolbox = await gDevTools.showToolboxForTab(tab, { toolId: 'webconsole', reason: 'socketscope-test' });
  if (!toolbox) throw new Error('showToolboxForTab gave no toolbox');
  // The devtools_page registers the panel once the toolbox has loaded it.
  const deadline = Date.now() + Number(timeoutMs);
  let definition;
  while (!(definition = toolbox.getAdditionalTools().find((d) => d.label === title))) {
    if (Date.now() > deadline) {
      throw new Error('no DevTools panel titled ' + title + '; additional tools: ' +
        JSON.stringify(toolbox.getAdditionalTools().map((d) => d.label)));
    }
    await sleep(100);
  }
  await toolbox.selectTool(definition.id, 'socketscope-test');
  return JSON.stringify({ toolId: definition.id, hostType: String(toolbox.hostType) });
}`;

/** (pageUrl, toolId, replyTimeoutMs) → JSON PanelSnapshot: one frame-script read of the panel's document. */
const READ_PANEL = `async function (pageUrl, toolId, replyTimeoutMs) {
  ${GDEVTOOLS}
  const tab = gBrowser.tabs.find((t) => t.linkedBrowser.currentURI.spec === pageUrl);
  const toolbox = tab && gDevTools.getToolboxForTab(tab);
  if (!toolbox) throw new Error('the toolbox of ' + pageUrl + ' is not open');
  const iframe = toolbox.doc.getElementById('toolbox-panel-iframe-' + toolId);
  const browser = iframe && iframe.contentDocument && iframe.contentDocument.getElementById('webext-panels-browser');
  const empty = { href: 'about:blank', theme: null, rows: null, connections: null, banner: null, text: '' };
  if (!browser || !browser.messageManager) return JSON.stringify(empty);
  const name = 'socketscope-test:panel-' + Math.random().toString(36).slice(2);
  const mm = browser.messageManager;
  const reply = new Promise((resolve) => {
    const listener = (message) => {
      mm.removeMessageListener(name, listener);
      resolve(message.data);
    };
    mm.addMessageListener(name, listener);
  });
  // Runs in the extension process, with content = the panel's window.
  const frameScript = (messageName) => {
    const doc = content.document;
    const text = (selector) => {
      const el = doc.querySelector(selector);
      return el ? el.textContent : null;
    };
    sendAsyncMessage(messageName, {
      href: String(content.location.href),
      theme: doc.documentElement ? doc.documentElement.getAttribute('data-theme') : null,
      rows: text('[role=listbox][aria-label=Messages]'),
      connections: text('section[aria-label=Connections]'),
      banner: text('.access-banner'),
      text: doc.body ? String(doc.body.textContent).slice(0, 400) : '',
    });
  };
  mm.loadFrameScript('data:,(' + encodeURIComponent(frameScript.toString()) + ')(' + JSON.stringify(name) + ')', false);
  const snapshot = await Promise.race([
    reply,
    new Promise((resolve) => setTimeout(() => resolve(empty), Number(replyTimeoutMs))),
  ]);
  return JSON.stringify(snapshot);
}`;

/** (pageUrl, timeoutMs) → '': closes the toolbox of the tab, bounded. */
const CLOSE_TOOLBOX = `async function (pageUrl, timeoutMs) {
  ${GDEVTOOLS}
  const tab = gBrowser.tabs.find((t) => t.linkedBrowser.currentURI.spec === pageUrl);
  if (!tab || !gDevTools.getToolboxForTab(tab)) return '';
  await Promise.race([gDevTools.closeToolboxForTab(tab), new Promise((resolve) => setTimeout(resolve, Number(timeoutMs)))]);
  return '';
}`;

/** (name, value) → '': sets a string pref (e.g. devtools.theme, which DevTools and its panels follow live). */
const SET_STRING_PREF = `function (name, value) {
  Services.prefs.setStringPref(name, value);
  return '';
}`;

/**
 * (uuid, grant, url) → 'true' | 'false': grants or revokes the add-on's `<all_urls>` host permission the
 * way about:addons' Permissions tab does (ExtensionPermissions with the extension as emitter, so that
 * permissions.onAdded / onRemoved fire in its pages), then says whether the add-on may access `url`.
 */
const SET_HOST_ACCESS = `async function (uuid, grant, url) {
  const { ExtensionPermissions } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
  const policy = WebExtensionPolicy.getByHostname(uuid);
  if (!policy || !policy.extension) throw new Error('no add-on has the uuid ' + uuid);
  const perms = { permissions: [], origins: ['<all_urls>'] };
  if (grant === 'true') await ExtensionPermissions.add(policy.id, perms, policy.extension);
  else await ExtensionPermissions.remove(policy.id, perms, policy.extension);
  return String(policy.canAccessURI(Services.io.newURI(url)));
}`;

/**
 * Grants or revokes the add-on's host access to all sites, as a user would in about:addons, and
 * returns whether Firefox then lets the add-on access `url`.
 */
export async function setFirefoxHostAccess(browser: Browser, uuid: string, granted: boolean, url: string): Promise<boolean> {
  return (await callInChrome(browser, SET_HOST_ACCESS, uuid, String(granted), url)) === 'true';
}

export async function setFirefoxStringPref(browser: Browser, name: string, value: string): Promise<void> {
  await callInChrome(browser, SET_STRING_PREF, name, value);
}

/**
 * Opens the DevTools toolbox for the tab showing `pageUrl` and selects the extension panel titled
 * `title`. The page must be loaded in a tab of the first browser window.
 */
export async function openDevToolsPanel(
  browser: Browser,
  pageUrl: string,
  title: string,
  options: { timeoutMs?: number } = {},
): Promise<DevToolsPanelHandle> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const opened = JSON.parse(await callInChrome(browser, OPEN_PANEL, pageUrl, title, String(timeoutMs))) as {
    toolId: string;
    hostType: string;
  };
  const read = async (): Promise<PanelSnapshot> =>
    JSON.parse(await callInChrome(browser, READ_PANEL, pageUrl, opened.toolId, '2000')) as PanelSnapshot;
  return {
    ...opened,
    read,
    async waitFor(accept, waitMs = 20_000) {
      const deadline = Date.now() + waitMs;
      for (;;) {
        const snapshot = await read();
        if (accept(snapshot)) return snapshot;
        if (Date.now() > deadline) {
          throw new Error(`the DevTools panel never reached the expected state; last snapshot: ${JSON.stringify(snapshot)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async close() {
      await callInChrome(browser, CLOSE_TOOLBOX, pageUrl, '5000').catch(() => undefined);
    },
  };
}
