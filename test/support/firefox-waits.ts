/**
 * Firefox ESR 140 (Debian bookworm's firefox-esr on 2026-12-07) refuses puppeteer's `waitForFunction` on
 * extension pages: puppeteer's in-page poller builds the predicate with `Function()`, which the extension's
 * CSP (`script-src 'self'`) forbids, so every wait fails with "call to Function() blocked by CSP". `evaluate`,
 * `$eval`, `waitForSelector` and locators are not affected (measured in ESR 140.12; ESR 153 had no such
 * problem). On such a page the wait polls from Node instead, with `evaluateHandle`: the same predicate,
 * arguments, timeout and result handle.
 */
import { type Frame, type Page, TimeoutError } from 'puppeteer-core';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** For the page and its main frame (tests wait on either). */
export function pollWaitsFromNode(page: Page): void {
  pollFromNode(page, page);
  pollFromNode(page.mainFrame(), page);
}

function pollFromNode(target: Page | Frame, page: Page): void {
  const inPage = target.waitForFunction.bind(target);
  const fromNode = async (predicate: unknown, options: { timeout?: number; polling?: unknown } = {}, ...args: unknown[]) => {
    if (typeof predicate !== 'function') return inPage(predicate as string, options as never, ...(args as never[]));
    const timeout = options.timeout ?? page.getDefaultTimeout();
    const interval = typeof options.polling === 'number' ? options.polling : 100;
    const deadline = Date.now() + timeout;
    for (;;) {
      const handle = await target.evaluateHandle(predicate as () => unknown, ...(args as never[]));
      if (await handle.evaluate((value) => Boolean(value))) return handle;
      await handle.dispose();
      if (timeout > 0 && Date.now() >= deadline) throw new TimeoutError(`Waiting failed: ${timeout}ms exceeded`);
      await sleep(interval);
    }
  };
  target.waitForFunction = fromNode as Page['waitForFunction'];
}
