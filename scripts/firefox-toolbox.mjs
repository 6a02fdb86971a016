/**
 * The REAL Firefox DevTools toolbox and the add-on's panel in it, reached from chrome scope
 * (./firefox-chrome-scope.mjs). Shared by `npm run start:firefox` and test/support/firefox-devtools.ts.
 *
 * How (checked on Firefox ESR 153):
 * 1. DevTools' CommonJS loader gives `gDevTools` (`resource://devtools/client/framework/devtools.sys.mjs`
 *    does not exist in 153: importing it fails with "Failed to load …devtools.sys.mjs").
 *    `gDevTools.showToolboxForTab(tab)` opens the toolbox; the extension's panel is an "additional tool" whose
 *    label is the title given to `devtools.panels.create`, and `toolbox.selectTool(id)` shows it.
 * 2. The panel page runs in a remote (extension-process) `<browser id="webext-panels-browser">` inside the
 *    tool's iframe (chrome://browser/content/webext-panels.xhtml). BiDi cannot target it: getTree lists only tab
 *    browsers and the children of chrome windows, not browsers embedded in chrome documents. Its document is
 *    not reachable from the parent process either (contentDocument is null for a remote browser), so a one-shot
 *    frame script, loaded through the browser's message manager, runs in the extension process with `content`
 *    set to the panel's window and posts its answer back.
 */
import { callInChrome } from './firefox-chrome-scope.mjs';

/** Shared prologue: DevTools' loader and gDevTools, in chrome scope. */
const GDEVTOOLS = `
  const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
  const { gDevTools } = require('devtools/client/framework/devtools');
  const tabShowing = (pageUrl) => gBrowser.tabs.find((t) => t.linkedBrowser.currentURI.spec === pageUrl);
`;

/** (pageUrl, title, timeoutMs) → JSON {toolId, hostType}: opens the toolbox of the tab and selects the panel. */
const OPEN_PANEL = `async function (pageUrl, title, timeoutMs) {
  ${GDEVTOOLS}
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const tab = tabShowing(pageUrl);
  if (!tab) throw new Error('no tab shows ' + pageUrl + ': ' + gBrowser.tabs.map((t) => t.linkedBrowser.currentURI.spec).join(', '));
  gBrowser.selectedTab = tab;
  const toolbox = await gDevTools.showToolboxForTab(tab, { toolId: 'webconsole', reason: 'socketscope' });
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
  await toolbox.selectTool(definition.id, 'socketscope');
  return JSON.stringify({ toolId: definition.id, hostType: String(toolbox.hostType) });
}`;

/**
 * (pageUrl, toolId, frameScript, argJson, replyTimeoutMs) → JSON {value} | {error} | null: calls `frameScript`
 * (source of a synchronous `(arg) => value`, run where `content` is the panel's window) in the panel's process.
 * null when the panel's browser is not there yet or no answer came in time.
 */
const IN_PANEL = `async function (pageUrl, toolId, frameScript, argJson, replyTimeoutMs) {
  ${GDEVTOOLS}
  const tab = tabShowing(pageUrl);
  const toolbox = tab && gDevTools.getToolboxForTab(tab);
  if (!toolbox) throw new Error('the toolbox of ' + pageUrl + ' is not open');
  const iframe = toolbox.doc.getElementById('toolbox-panel-iframe-' + toolId);
  const browser = iframe && iframe.contentDocument && iframe.contentDocument.getElementById('webext-panels-browser');
  if (!browser || !browser.messageManager) return 'null';
  const name = 'socketscope:panel-' + Math.random().toString(36).slice(2);
  const mm = browser.messageManager;
  let listener;
  const reply = new Promise((resolve) => {
    listener = (message) => resolve(message.data);
    mm.addMessageListener(name, listener);
  });
  const to = JSON.stringify(name);
  const call = 'try { sendAsyncMessage(' + to + ', { value: (' + frameScript + ')(' + argJson + ') }); } ' +
    'catch (error) { sendAsyncMessage(' + to + ', { error: String(error) }); }';
  mm.loadFrameScript('data:,' + encodeURIComponent(call), false);
  const data = await Promise.race([reply, new Promise((resolve) => setTimeout(() => resolve(null), Number(replyTimeoutMs)))]);
  mm.removeMessageListener(name, listener);
  return JSON.stringify(data);
}`;

/** (pageUrl, timeoutMs) → '': closes the toolbox of the tab, bounded. */
const CLOSE_TOOLBOX = `async function (pageUrl, timeoutMs) {
  ${GDEVTOOLS}
  const tab = tabShowing(pageUrl);
  if (!tab || !gDevTools.getToolboxForTab(tab)) return '';
  await Promise.race([gDevTools.closeToolboxForTab(tab), new Promise((resolve) => setTimeout(resolve, Number(timeoutMs)))]);
  return '';
}`;

/**
 * Opens the DevTools toolbox for the tab showing `pageUrl` (a tab of the first browser window) and selects the
 * extension panel titled `title`. Resolves to the panel's tool id and where the toolbox is docked.
 */
export async function openToolboxPanel(browser, pageUrl, title, timeoutMs = 15_000) {
  return JSON.parse(await callInChrome(browser, OPEN_PANEL, pageUrl, title, String(timeoutMs)));
}

/**
 * Runs `frameScript` in the panel's document and resolves to what it sent back, or to null when the panel is
 * not loaded yet or did not answer within `replyTimeoutMs`. Throws what the frame script threw.
 */
export async function inToolboxPanel(browser, pageUrl, toolId, frameScript, arg = null, replyTimeoutMs = 2000) {
  const data = JSON.parse(await callInChrome(browser, IN_PANEL, pageUrl, toolId, frameScript, JSON.stringify(arg), String(replyTimeoutMs)));
  if (data === null) return null;
  if ('error' in data) throw new Error(`the frame script in the DevTools panel failed: ${data.error}`);
  return data.value;
}

export async function closeToolbox(browser, pageUrl, timeoutMs = 5000) {
  await callInChrome(browser, CLOSE_TOOLBOX, pageUrl, String(timeoutMs));
}
