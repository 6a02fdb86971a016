/**
 * A tab that puppeteer does not track, driven over raw WebDriver BiDi. puppeteer-core 24 never lists the tab
 * that a Firefox DevTools panel opens with `window.open` (measured on Firefox ESR 153: `browser.pages()` and
 * `browser.targets()` miss it, while BiDi's `browsingContext.getTree` has it), so such a tab is found in the
 * tree by its URL. Its clicks are BiDi input actions, as puppeteer's own `click` sends: real pointer events
 * that count as a user gesture.
 */
import type { Browser } from 'puppeteer-core';

interface BidiConnection {
  send(method: string, params: unknown): Promise<unknown>;
}

interface CallResult {
  result: { type: 'success' | 'exception'; result?: { value?: unknown }; exceptionDetails?: { text: string } };
}

export interface UntrackedTab {
  /** The tab's BiDi browsing-context id. */
  context: string;
  url: string;
  /** The text of the first element matching `selector`, or null when there is none. */
  text(selector: string): Promise<string | null>;
  /** Clicks the button with this accessible name (its aria-label, else its text) once it is there. */
  clickButton(name: string, timeoutMs?: number): Promise<void>;
}

const connectionOf = (browser: Browser) => (browser as unknown as { connection: BidiConnection }).connection;

/** (selector) → text or null, in the tab. */
const TEXT = `function (selector) {
  const el = document.querySelector(selector);
  return el ? el.textContent : null;
}`;

/** (name) → JSON {x, y} of the centre of the named button in view, or null while there is none. */
const BUTTON_CENTRE = `function (name) {
  const button = [...document.querySelectorAll('button, [role=button]')]
    .find((b) => (b.getAttribute('aria-label') || b.textContent).trim() === name);
  if (!button || button.disabled) return null;
  button.scrollIntoView({ block: 'center' });
  const r = button.getBoundingClientRect();
  return JSON.stringify({ x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height / 2) });
}`;

async function call(browser: Browser, context: string, functionDeclaration: string, arg: string): Promise<unknown> {
  const { result } = (await connectionOf(browser).send('script.callFunction', {
    functionDeclaration,
    awaitPromise: true,
    target: { context },
    arguments: [{ type: 'string', value: arg }],
    resultOwnership: 'none',
  })) as CallResult;
  if (result.type === 'exception') throw new Error(`script in the tab failed: ${result.exceptionDetails?.text}`);
  return result.result?.value ?? null;
}

/** Waits for a top-level tab whose URL starts with `urlPrefix` and whose document has loaded. */
export async function waitForUntrackedTab(browser: Browser, urlPrefix: string, timeoutMs = 10_000): Promise<UntrackedTab> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const tree = (await connectionOf(browser).send('browsingContext.getTree', { maxDepth: 0 })) as {
      result: { contexts: { context: string; url: string }[] };
    };
    const found = tree.result.contexts.find((c) => c.url.startsWith(urlPrefix));
    if (found && (await call(browser, found.context, 'function () { return document.readyState; }', '')) === 'complete') {
      return tabFor(browser, found.context, found.url);
    }
    if (Date.now() > deadline) {
      throw new Error(`no tab shows ${urlPrefix}…: ${JSON.stringify(tree.result.contexts.map((c) => c.url))}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function tabFor(browser: Browser, context: string, url: string): UntrackedTab {
  return {
    context,
    url,
    text: async (selector) => (await call(browser, context, TEXT, selector)) as string | null,
    async clickButton(name, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      let centre = (await call(browser, context, BUTTON_CENTRE, name)) as string | null;
      while (centre === null) {
        if (Date.now() > deadline) throw new Error(`no enabled button named "${name}" in ${url}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
        centre = (await call(browser, context, BUTTON_CENTRE, name)) as string | null;
      }
      const { x, y } = JSON.parse(centre) as { x: number; y: number };
      await connectionOf(browser).send('input.performActions', {
        context,
        actions: [
          {
            type: 'pointer',
            id: 'socketscope-mouse',
            parameters: { pointerType: 'mouse' },
            actions: [
              { type: 'pointerMove', x, y, origin: 'viewport' },
              { type: 'pointerDown', button: 0 },
              { type: 'pointerUp', button: 0 },
            ],
          },
        ],
      });
    },
  };
}
