/**
 * Firefox's chrome scope: the privileged JavaScript of the browser window, reached over WebDriver BiDi from
 * a puppeteer-core Browser that launched Firefox with `--remote-allow-system-access`. `npm run start:firefox`
 * uses it to open the toolbox on the WebSockets panel; the tests also use it to read the real panel, grant or
 * revoke host access and unload the event page. Everything reached from here is Firefox-internal (checked on
 * Firefox ESR 153) and may change between versions.
 *
 * `browsingContext.getTree` with `{"moz:scope": "chrome"}` lists the browser window
 * (chrome://browser/content/browser.xhtml), and `script.callFunction` runs code in it.
 */

const BROWSER_WINDOW = 'chrome://browser/content/browser.xhtml';

/** puppeteer keeps its BiDi connection private; its `send` is what BiDi's own commands go through. */
const connectionOf = (browser) => browser.connection;

/** The BiDi id of the (first) browser window's chrome context. */
async function chromeContext(browser) {
  const tree = await connectionOf(browser).send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const window = tree.result.contexts.find((c) => c.url === BROWSER_WINDOW);
  if (!window) {
    throw new Error(`no chrome context shows ${BROWSER_WINDOW}: ${JSON.stringify(tree.result.contexts.map((c) => c.url))}`);
  }
  return window.context;
}

/**
 * Whether WebDriver BiDi reaches this Firefox's chrome scope. Firefox ESR 140 (Debian bookworm's firefox-esr on
 * 2026-12-07) ignores `moz:scope` and lists only content contexts: chrome contexts came to BiDi in Firefox 148.
 */
export async function hasChromeScope(browser) {
  try {
    await chromeContext(browser);
    return true;
  } catch {
    return false;
  }
}

/** The skip reason of a test that needs the chrome scope, where this Firefox has none. */
export const NO_CHROME_SCOPE =
  "this Firefox's WebDriver BiDi has no chrome scope (ESR 140: browsingContext.getTree ignores moz:scope, which came in Firefox 148), so the browser's own UI cannot be scripted";

/**
 * Calls `functionDeclaration` (JavaScript source, not a TS function: transpilers may add helpers that do not
 * exist in chrome scope) in the browser window's chrome scope with string arguments, and returns the string
 * it resolves to ('' for anything else).
 */
export async function callInChrome(browser, functionDeclaration, ...args) {
  const { result } = await connectionOf(browser).send('script.callFunction', {
    functionDeclaration,
    awaitPromise: true,
    target: { context: await chromeContext(browser) },
    arguments: args.map((value) => ({ type: 'string', value })),
    resultOwnership: 'none',
  });
  if (result.type === 'exception') throw new Error(`chrome-scope script failed: ${result.exceptionDetails?.text}`);
  const value = result.result?.value;
  return typeof value === 'string' ? value : '';
}
