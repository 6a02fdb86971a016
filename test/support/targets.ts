/**
 * Browser targets for the robustness suite: the panel opened in a tab of its own, the panel selected in
 * a DevTools window, a tab's id, the extension's service worker stopped, the panel's and the worker's heaps
 * as CDP reports them.
 */
import type { Browser, Frame, Page, Target } from 'puppeteer-core';
import { selectPanelTab } from '../../scripts/devtools-panel.mjs';
import { panelFrameIn, sleep } from './chromium';

/** JSHeapUsedSize of the (only) SocketScope panel frame's process, after forced garbage collections. */
export async function panelHeapUsed(browser: Browser, extensionId: string): Promise<number> {
  const target = browser.targets().find((t) => t.url().startsWith(`chrome-extension://${extensionId}/src/panel/panel.html`));
  if (!target) throw new Error('no panel target');
  const cdp = await target.createCDPSession();
  try {
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const used = metrics.find((m) => m.name === 'JSHeapUsedSize');
    if (!used) throw new Error('no JSHeapUsedSize metric');
    return used.value;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Selects the SocketScope tab in a DevTools window opened by the test itself (Ctrl+[ until it is selected). */
export async function selectPanelIn(dt: Page, extensionId: string): Promise<Frame> {
  await selectPanelTab(dt, extensionId, { keyboard: true });
  return panelFrameIn(dt, extensionId);
}

/** The browser's tab id of `target`, asked from an extension page (chrome.tabs). */
export async function tabIdOf(extensionPage: Page | Frame, target: Page): Promise<number> {
  const marker = `socketscope-tab-${Math.random().toString(36).slice(2)}`;
  // A bare CDP evaluation: a hostile page may have trapped what puppeteer's own evaluate relies on.
  const cdp = await target.createCDPSession();
  await cdp.send('Runtime.evaluate', { expression: `document.title = ${JSON.stringify(marker)}` });
  await cdp.detach();
  const id = await extensionPage.evaluate(async (m: string) => {
    for (let i = 0; i < 50; i++) {
      const tab = (await chrome.tabs.query({})).find((t) => t.title === m);
      if (tab?.id !== undefined) return tab.id;
      await new Promise((r) => setTimeout(r, 100));
    }
    return null;
  }, marker);
  if (id === null) throw new Error(`no tab found for ${target.url()}`);
  return id;
}

/**
 * The real panel UI for `target`, opened in its own tab as `panel.html?tabId=N` (the way a panel
 * outside DevTools is told its tab): for tests with many tabs, where one DevTools window each is too heavy.
 */
export async function openPanelTab(browser: Browser, extensionId: string, target: Page): Promise<{ tab: Page; tabId: number }> {
  const tab = await browser.newPage();
  await tab.goto(`chrome-extension://${extensionId}/src/panel/panel.html`);
  const tabId = await tabIdOf(tab, target);
  await tab.goto(`chrome-extension://${extensionId}/src/panel/panel.html?tabId=${tabId}`);
  await tab.waitForSelector('.app');
  return { tab, tabId };
}

/**
 * Stops the extension's MV3 service worker once: closes the worker target and waits for that target to
 * go (a connected panel may wake a new worker at once, which is the point of the exercise).
 */
export async function stopWorkerOnce(browser: Browser, extensionId: string): Promise<void> {
  const isWorker = (t: { type(): string; url(): string }) =>
    t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${extensionId}/`);
  const target = browser.targets().find(isWorker);
  if (!target) return;
  const deadline = Date.now() + 15_000;
  let lastClose = 0;
  while (browser.targets().includes(target)) {
    if (Date.now() > deadline) throw new Error('the service worker did not stop');
    // a worker busy with a burst may ignore one request: ask again every second
    if (Date.now() - lastClose > 1000) {
      lastClose = Date.now();
      await (await target.worker())?.close().catch(() => undefined);
    }
    await sleep(25);
  }
}

/**
 * Used JS heap of the extension's service worker (CDP Runtime.getHeapUsage) after forced garbage
 * collections, with the worker's target: a worker restarted between two measurements is another target,
 * and comparing its heap with the first one's would say nothing.
 */
export async function workerHeapUsed(browser: Browser, extensionId: string): Promise<{ used: number; worker: Target }> {
  const worker = browser.targets().find((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${extensionId}/`));
  if (!worker) throw new Error('no service worker target');
  const cdp = await worker.createCDPSession();
  try {
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return { used: usedSize, worker };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
