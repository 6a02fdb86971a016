/**
 * Helpers for the robustness suite (test/e2e/robust-*.test.ts): a guard installed in the panel frame
 * that records anything a hostile payload could make run or render, row selection with a measured
 * detail-pane update, counts read from the toolbar, export/import through the real dialog, and the
 * panel's and the service worker's heaps as CDP reports them.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Frame, Page, Target } from 'puppeteer-core';
import { sleep } from './chromium';
import { clickButton, toggleCheckbox, waitForPanel } from './panel';

export interface GuardReport {
  /** False when the frame was replaced since the guard was installed (its records would be lost). */
  installed: boolean;
  pwned: unknown;
  /** Calls of alert/confirm/prompt/print/open, as [name, first argument]. */
  calls: string[][];
  /** securitypolicyviolation events: "directive blocked-uri sample". */
  csp: string[];
  /** Elements that should never come from captured data: script/img/iframe/object/embed/style/link, on* or javascript: attributes. */
  suspicious: string[];
  /** Uncaught errors in the panel since install. */
  errors: string[];
}

interface GuardGlobal {
  __guard?: GuardReport & { observer: MutationObserver };
  __pwned?: unknown;
}

/**
 * Installs, in the panel frame, a marker (`window.__pwned` must stay undefined), recorders for
 * alert/confirm/prompt/print/open, a CSP-violation listener and a MutationObserver over the whole
 * document that flags any element or attribute a payload could only have produced by being parsed.
 */
export async function installPanelGuard(panel: Frame): Promise<void> {
  await panel.evaluate(() => {
    const g = window as unknown as GuardGlobal & Record<string, unknown>;
    if (g.__guard) return;
    const report = { installed: true, pwned: undefined, calls: [], csp: [], suspicious: [], errors: [] } as GuardReport;
    for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
      g[name] = (...args: unknown[]) => {
        report.calls.push([name, String(args[0])]);
        return null;
      };
    }
    document.addEventListener('securitypolicyviolation', (e) =>
      report.csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`.slice(0, 300)),
    );
    window.addEventListener('error', (e) => report.errors.push(String(e.message).slice(0, 300)));
    const BAD_TAGS = new Set(['SCRIPT', 'IMG', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE', 'LINK', 'META', 'BASE', 'FORM']);
    const check = (el: Element) => {
      if (BAD_TAGS.has(el.tagName.toUpperCase())) report.suspicious.push(`<${el.tagName}> ${el.outerHTML.slice(0, 120)}`);
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name) || /^\s*(javascript|data):/i.test(attr.value)) {
          report.suspicious.push(`${el.tagName}[${attr.name}=${attr.value.slice(0, 80)}]`);
        }
      }
    };
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes' && r.target instanceof Element) check(r.target);
        for (const node of r.addedNodes) {
          if (!(node instanceof Element)) continue;
          check(node);
          for (const el of node.querySelectorAll('*')) check(el);
        }
      }
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true });
    g.__guard = Object.assign(report, { observer });
  });
}

export async function readPanelGuard(panel: Frame): Promise<GuardReport> {
  return panel.evaluate(() => {
    const g = window as unknown as GuardGlobal;
    if (!g.__guard) return { installed: false, pwned: g.__pwned, calls: [], csp: [], suspicious: [], errors: [] };
    const { installed, calls, csp, suspicious, errors } = g.__guard;
    return { installed, pwned: g.__pwned ?? null, calls, csp, suspicious, errors };
  });
}

/** The clean report every hostile test expects at its end. */
export const CLEAN_GUARD: GuardReport = { installed: true, pwned: null, calls: [], csp: [], suspicious: [], errors: [] };

/** Rows the timeline holds in total ("… / N events" in the toolbar). */
export async function totalEvents(panel: Frame): Promise<number> {
  const text = await panel.$eval('[aria-label="Filtered count"]', (el) => el.textContent ?? '');
  const match = /\/ (\d+) events/.exec(text);
  if (!match) throw new Error(`no total in "${text}"`);
  return Number(match[1]);
}

/** Waits until the toolbar's total is exactly `n`. */
export async function waitForTotal(panel: Frame, n: number, timeout = 30_000): Promise<void> {
  await panel.waitForFunction(
    (n: number) => new RegExp(`/ ${n} events`).test(document.querySelector('[aria-label="Filtered count"]')?.textContent ?? ''),
    { polling: 100, timeout },
    n,
  );
}

/**
 * The timeline's row texts, whole list: scrolls the virtual list from top to bottom. They are also
 * kept in the panel as `window[saveAs]`, for comparisons that must not cross CDP's JSON (lone surrogates).
 */
export async function allRowTexts(panel: Frame, saveAs = '__rowTexts'): Promise<string[]> {
  return panel.evaluate(async (saveAs: string) => {
    const box = document.querySelector<HTMLElement>('[role=listbox][aria-label=Messages]')!;
    const texts = new Map<number, string>();
    const frame = () => new Promise((r) => setTimeout(r, 30));
    for (let top = 0; ; top += Math.max(20, box.clientHeight - 40)) {
      box.scrollTop = top;
      box.dispatchEvent(new Event('scroll'));
      await frame();
      await frame();
      for (const row of box.querySelectorAll<HTMLElement>('[data-index]')) {
        texts.set(Number(row.dataset.index), row.querySelector('.c-preview')?.textContent ?? '');
      }
      if (top + box.clientHeight >= box.scrollHeight) break;
    }
    const out = [...texts.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t);
    (window as unknown as Record<string, unknown>)[saveAs] = out;
    return out;
  }, saveAs);
}

/**
 * Selects the timeline row at `index` (scrolled into view, then a mousedown like a user's) and
 * measures, inside the panel, how long the detail pane takes to contain `expected`. Throws past `limitMs`.
 */
export async function selectRowTimed(panel: Frame, index: number, expected: string, limitMs = 1000): Promise<number> {
  const result = await panel.evaluate(
    async (index: number, expected: string, limitMs: number) => {
      const box = document.querySelector<HTMLElement>('[role=listbox][aria-label=Messages]')!;
      const frame = () => new Promise((r) => setTimeout(r, 30));
      let row = box.querySelector<HTMLElement>(`[data-index="${index}"]`);
      for (let i = 0; !row && i < 20; i++) {
        box.scrollTop = Math.max(0, index * 20 - 40);
        box.dispatchEvent(new Event('scroll'));
        await frame();
        row = box.querySelector<HTMLElement>(`[data-index="${index}"]`);
      }
      if (!row) return { error: `row ${index} never rendered` };
      const detail = () => document.querySelector('.detail')?.textContent ?? '';
      const start = performance.now();
      row.querySelector('.trow')!.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
      while (!detail().includes(expected)) {
        if (performance.now() - start > limitMs * 5)
          return { error: `detail never showed ${JSON.stringify(expected).slice(0, 80)}`, detail: detail().slice(0, 300) };
        await new Promise((r) => setTimeout(r, 5));
      }
      return { ms: performance.now() - start };
    },
    index,
    expected,
    limitMs,
  );
  if ('error' in result) throw new Error(`${result.error}${'detail' in result ? `; detail: ${result.detail}` : ''}`);
  if (result.ms > limitMs) throw new Error(`the detail pane took ${Math.round(result.ms)} ms (limit ${limitMs} ms)`);
  return result.ms;
}

/** Chooses a payload view tab ("Text", "JSON", "Hex", "Base64") in the detail pane. */
export async function choosePayloadView(panel: Frame, name: 'Text' | 'JSON' | 'Hex' | 'Base64'): Promise<void> {
  const tab = await panel.waitForSelector(`[role=tablist][aria-label="Payload views"] ::-p-aria(${name}[role="tab"])`);
  await tab!.click();
  await panel.waitForFunction(
    (name: string) =>
      document.querySelector('[role=tablist][aria-label="Payload views"] [role=tab][aria-selected=true]')?.textContent === name,
    { polling: 50, timeout: 5000 },
    name,
  );
}

/** Exports the live capture as a JSON log through the dialog; returns the downloaded file's path. */
export async function exportJsonLog(panel: Frame, downloads: string, redact = false): Promise<string> {
  const before = new Set(await readdir(downloads));
  await clickButton(panel, 'Export…');
  await panel.waitForSelector('[role=dialog][aria-label=Export]');
  const radio = await panel.waitForSelector('::-p-aria(JSON log[role="radio"])');
  await radio!.click();
  const checked = await panel.$eval('::-p-aria(Redact secrets[role="checkbox"])', (el) => (el as HTMLInputElement).checked);
  if (checked !== redact) await toggleCheckbox(panel, 'Redact secrets');
  await clickButton(panel, 'Download');
  await waitForPanel(
    panel,
    () => /Saved websocket-logs-/.test(document.querySelector('[aria-label="Export result"]')?.textContent ?? ''),
    60_000,
  );
  const deadline = Date.now() + 30_000;
  for (;;) {
    const added = (await readdir(downloads)).filter((f) => !before.has(f) && !f.endsWith('.crdownload'));
    if (added.length) {
      await sleep(200);
      await clickButton(panel, 'Close');
      return join(downloads, added[0]);
    }
    if (Date.now() > deadline) throw new Error('no download arrived');
    await sleep(100);
  }
}

/** Lets downloads of the whole browser land in `dir`. */
export async function allowDownloads(browser: Browser, dir: string): Promise<void> {
  const cdp = await browser.target().createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir, eventsEnabled: true });
}

export async function importLog(panel: Frame, path: string): Promise<void> {
  const input = await panel.waitForSelector('input[aria-label="Import log file"]');
  await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(path);
  await panel.waitForSelector('::-p-aria(Back to live capture[role="button"])', { timeout: 30_000 });
}

export const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8'));

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

/** Selects the SocketScope tab in a DevTools window opened by the test itself (Ctrl+[ until it is selected). */
export async function selectPanelIn(dt: Page, extensionId: string): Promise<Frame> {
  const wanted = `tab-chrome-extension://${extensionId}WebSockets`;
  const deadline = Date.now() + 30_000;
  const panelFrame = () => dt.frames().find((f) => f.url().startsWith(`chrome-extension://${extensionId}/src/panel/panel.html`));
  for (;;) {
    const selected = await dt
      .evaluate(() => {
        const ids: string[] = [];
        const visit = (root: Document | ShadowRoot) => {
          for (const tab of root.querySelectorAll('[role=tab][aria-selected=true]')) ids.push(tab.id);
          for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
        };
        visit(document);
        return ids;
      })
      .catch(() => [] as string[]);
    const frame = panelFrame();
    if (selected.includes(wanted) && frame && (await frame.evaluate(() => !!document.querySelector('.app')).catch(() => false)))
      return frame;
    if (Date.now() > deadline) throw new Error('could not select the WebSockets panel');
    if (!selected.includes(wanted) && dt.frames().some((f) => f.url().includes('/src/devtools/devtools.html'))) {
      await dt.keyboard.down('Control');
      await dt.keyboard.press('BracketLeft');
      await dt.keyboard.up('Control');
    }
    await sleep(150);
  }
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
