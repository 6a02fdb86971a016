/** Browser-side helpers for the bench: floods, CDP heap figures and CPU profiles. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'puppeteer-core';
import { type ChromiumSession, launchChromium, sleep } from '../../test/support/chromium';
import { EXTENSION_ID } from '../../test/support/paths';
import type { FloodOptions, FloodResult } from './pages';
import { PROFILE_DIR } from './record';

/**
 * Puppeteer enables the CDP Network domain on every page it drives, and Chromium then reports every
 * WebSocket frame (with its payload) to Node: that tripled the time of a 100,000-message echo here, on
 * both sides of a comparison. The bench turns it off on the page's own puppeteer session.
 * (launchChromium does not pass `networkEnabled: false` to puppeteer; this reaches its session.)
 */
export async function quietNetwork(page: Page): Promise<void> {
  const client = (page as unknown as { _client(): CDPSession })._client();
  await client.send('Network.disable');
}

export type Side = 'native' | 'native-devtools' | 'extension' | 'panel';

/**
 * Launches one side: native (no extension), native with DevTools open (whose Network panel records every
 * frame), the extension with DevTools closed, or the extension with DevTools open (select the panel with
 * session.openPanel()).
 */
export async function launchSide(side: Side): Promise<ChromiumSession> {
  // scripts/bench.mjs hands over a private copy of the build; Chromium takes the last of repeated switches.
  const copy = process.env.BENCH_EXTENSION_DIR;
  const own = copy ? [`--load-extension=${copy}`, `--disable-extensions-except=${copy}`] : [];
  const session =
    side === 'native-devtools'
      ? await launchChromium({ extension: false, extraArgs: ['--auto-open-devtools-for-tabs'] })
      : side === 'native'
        ? await launchChromium({ extension: false })
        : await launchChromium({ extension: true, devtools: side === 'panel', extraArgs: own });
  await quietNetwork(session.page);
  return session;
}

/** Opens the flood page's socket and starts a flood; it runs in the page while Node waits. */
export async function startFlood(page: Page, options: FloodOptions): Promise<void> {
  await page.evaluate((o) => (window as unknown as { benchFlood(o: FloodOptions): boolean }).benchFlood(o), options);
}

/** Waits for the running flood without polling the page (which would cost it time). */
export async function waitFlood(page: Page, timeoutMs = 300_000): Promise<FloodResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await page.evaluate(() =>
      Promise.race([
        (window as unknown as { __runDone: Promise<FloodResult> }).__runDone,
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 20_000)),
      ]),
    );
    if (result) {
      if (result.error) throw new Error(`flood failed: ${result.error} (${result.received}/${result.sent})`);
      return result;
    }
    if (Date.now() > deadline) throw new Error('the flood did not finish in time');
  }
}

export async function openSocket(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { benchOpen(): Promise<boolean> }).benchOpen());
}

export async function closeSocket(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { benchClose(): Promise<boolean> }).benchClose());
}

/** A CDP session on the panel's own target (an out-of-process iframe in the DevTools window). */
export async function panelCdp(session: ChromiumSession): Promise<CDPSession> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const target = session.browser
      .targets()
      .find((t) => t.url().startsWith(`chrome-extension://${EXTENSION_ID}/src/panel/panel.html`) && t.type() !== 'page');
    if (target) return target.createCDPSession();
    if (Date.now() > deadline) throw new Error('no panel target');
    await sleep(100);
  }
}

/** The extension's service worker (the background), which routes every batch from relay to panel. */
export async function serviceWorkerCdp(session: ChromiumSession): Promise<CDPSession | null> {
  const target = session.browser
    .targets()
    .find((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${EXTENSION_ID}/`));
  return target ? target.createCDPSession() : null;
}

/** The DevTools front-end's own target (it records every WebSocket frame in its Network panel). */
export async function devtoolsCdp(session: ChromiumSession): Promise<CDPSession | null> {
  const target = session.browser.targets().find((t) => t.url().startsWith('devtools://devtools/bundled/devtools_app.html'));
  return target ? target.createCDPSession() : null;
}

export interface Heap {
  /** JSHeapUsedSize from Performance.getMetrics, in MB (10^6 bytes). */
  usedMB: number;
  totalMB: number;
}

/** The JS heap of a target's isolate (CDP Performance.getMetrics), optionally after a forced full GC. */
export async function heapOf(cdp: CDPSession, gc: boolean): Promise<Heap> {
  if (gc) {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
  }
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return { usedMB: get('JSHeapUsedSize') / 1e6, totalMB: get('JSHeapTotalSize') / 1e6 };
}

interface TraceEvent {
  name: string;
  ph: string;
  ts?: number;
  dur?: number;
  args?: { data?: { url?: string } };
}

/** Our document_start scripts' traced time: the mean per load of each script, and of both, load by load. */
export interface ScriptTime {
  perScript: Record<string, number>;
  /** Both scripts, in each load; empty when the trace did not hold one run of each script per load. */
  perLoad: number[];
}

/**
 * Main-thread time of the extension's document_start scripts per page load: `load()` runs `loads` times
 * with a trace on, and the EvaluateScript events (compile + top-level run, which the parser waits for) of
 * chrome-extension:// scripts are summed per script and divided by the number of loads. The pages have no
 * frames, so the n-th run of each script belongs to the n-th load: that gives the spread across loads.
 */
export async function contentScriptTime(page: Page, loads: number, load: () => Promise<unknown>): Promise<ScriptTime> {
  await page.tracing.start({ categories: ['devtools.timeline', 'v8.execute'] });
  for (let i = 0; i < loads; i++) await load();
  const buffer = await page.tracing.stop();
  const trace = JSON.parse(Buffer.from(buffer ?? new Uint8Array()).toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(trace) ? trace : (trace.traceEvents ?? []);
  const runs: Record<string, { ts: number; ms: number }[]> = {};
  for (const e of events) {
    const url = e.args?.data?.url ?? '';
    if (!url.startsWith('chrome-extension://') || e.ph !== 'X' || e.name !== 'EvaluateScript') continue;
    const script = url.split('/').at(-1) ?? url;
    runs[script] ??= [];
    runs[script].push({ ts: e.ts ?? 0, ms: (e.dur ?? 0) / 1000 });
  }
  const perScript: Record<string, number> = {};
  for (const [script, list] of Object.entries(runs)) perScript[script] = list.reduce((sum, r) => sum + r.ms, 0) / loads;
  const lists = Object.values(runs).map((list) => list.sort((a, b) => a.ts - b.ts));
  const oneEach = lists.length > 0 && lists.every((list) => list.length === loads);
  const perLoad = oneEach ? Array.from({ length: loads }, (_, i) => lists.reduce((sum, list) => sum + list[i].ms, 0)) : [];
  return { perScript, perLoad };
}

/** Starts a CPU profile on a target when profiling was asked for (`npm run bench -- --profile`). */
export async function startProfile(cdp: CDPSession): Promise<boolean> {
  if (!PROFILE_DIR) return false;
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return true;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

/** Stops the profile, saves it, and returns the functions with the most self time, and the time per script. */
export async function stopProfile(cdp: CDPSession, name: string): Promise<string[]> {
  if (!PROFILE_DIR) return [];
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
  const nodes = profile.nodes as ProfileNode[];
  const total = nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0) || 1;
  const short = (url: string) => url.replace(/^chrome-extension:\/\/[a-z]+\//, '').replace(/^https?:\/\/[^/]+\//, '');
  const self = new Map<string, number>();
  const perScript = new Map<string, number>();
  for (const node of nodes) {
    const f = node.callFrame;
    const file = short(f.url);
    const key = `${f.functionName || '(anonymous)'} ${file ? `${file}:${f.lineNumber + 1}:${f.columnNumber + 1}` : ''}`.trim();
    self.set(key, (self.get(key) ?? 0) + (node.hitCount ?? 0));
    const script = file || f.functionName || '(native)';
    perScript.set(script, (perScript.get(script) ?? 0) + (node.hitCount ?? 0));
  }
  const pct = (hits: number) => `${((hits / total) * 100).toFixed(1).padStart(5)}%`;
  const top = (map: Map<string, number>, n: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, hits]) => `${pct(hits)}  ${key}`);
  const lines = [
    `${name}: ${(profile.endTime - profile.startTime) / 1000} ms profiled; self time by function:`,
    ...top(self, 30),
    'self time by script:',
    ...top(perScript, 12),
  ];
  writeFileSync(join(PROFILE_DIR, `${name}.top.txt`), `${lines.join('\n')}\n`);
  return lines;
}
