/**
 * P1 page throughput, P5 page load and P2 a burst into an open panel: each against a native Chromium
 * (no extension) launched with the same flags, run alternately with it (ABBA) in this one process.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, it } from 'vitest';
import type { ChromiumSession } from '../test/support/chromium';
import { sleep } from '../test/support/chromium';
import {
  closeSocket,
  contentScriptTime,
  launchSide,
  openSocket,
  panelCdp,
  serviceWorkerCdp,
  startFlood,
  startProfile,
  stopProfile,
  waitFlood,
} from './support/browser';
import { BLANK_PAGE, type FloodOptions, floodPage, socketsPage } from './support/pages';
import { readCount, readTotalWatch, waitForExactTotal, waitForTotal, watchTotal } from './support/panel-probes';
import { type CpuByThread, cpuComparison, cpuSnapshot, cpuSpent, medianCpu } from './support/process-cpu';
import { type Figure, figure, QUICK, selected, selectedVariant, writeSection } from './support/record';
import { type BenchServer, startBenchServer } from './support/server';
import { alternate, median, quartiles, range, round } from './support/stats';

const RUNS = QUICK ? 2 : 5;
/** A 100,000-message burst takes 20-30 s with DevTools open on two cores: three runs a side keep P2 near 3 minutes. */
const P2_RUNS = QUICK ? 2 : 3;
const scale = (n: number) => (QUICK ? Math.max(1, Math.round(n / 10)) : n);

let server: BenchServer;
let floodUrl: string;
let native: ChromiumSession | undefined;
let extension: ChromiumSession | undefined;

beforeAll(async () => {
  server = await startBenchServer();
  floodUrl = server.page('/flood.html', floodPage(`${server.wsOrigin}/echo`));
  if (selected('p1') || selected('p5')) {
    native = await launchSide('native');
    extension = await launchSide('extension');
  }
});

afterAll(async () => {
  await native?.close();
  await extension?.close();
  await server?.close();
});

/**
 * One flood in a fresh document: navigate, open the socket, flood, close. Returns the page's timing; with
 * `cpu`, also adds the CPU time each of the browser's threads spent during the flood to `cpu.into`.
 */
async function floodOnce(page: Page, options: FloodOptions, cpu?: { browserPid: number; into: CpuByThread[] }) {
  await page.goto(floodUrl);
  await openSocket(page);
  const before = cpu ? cpuSnapshot(cpu.browserPid) : null;
  await startFlood(page, options);
  const result = await waitFlood(page);
  if (cpu && before) cpu.into.push(cpuSpent(before, cpuSnapshot(cpu.browserPid)));
  await closeSocket(page);
  return result;
}

const browserPid = (session: ChromiumSession) => session.browser.process()?.pid ?? -1;
/** The page's main thread, as process-cpu.ts labels it (Linux names a process's first thread after the program). */
const PAGE_MAIN = 'renderer / chromium';

const P1_VARIANTS: { id: string; label: string; options: FloodOptions }[] = [
  {
    id: 'text-64B',
    label: `${scale(100_000).toLocaleString('en-US')} × 64 B text`,
    options: { count: scale(100_000), size: 64, kind: 'text', pattern: 'fixed', window: 2000 },
  },
  {
    id: 'binary-64B',
    label: `${scale(100_000).toLocaleString('en-US')} × 64 B binary`,
    options: { count: scale(100_000), size: 64, kind: 'binary', pattern: 'fixed', window: 2000 },
  },
  {
    id: 'text-1MB',
    label: `${scale(200)} × 1 MB text`,
    options: { count: scale(200), size: 1_000_000, kind: 'text', pattern: 'fixed', window: 4 },
  },
];

it.runIf(selected('p1'))('P1 page throughput, extension (DevTools closed) vs native', async () => {
  const started = Date.now();
  const figures: Figure[] = [];
  const data: Record<string, unknown> = { runsPerSide: RUNS, order: 'ABBA (native first in even pairs)' };
  const profiles: Record<string, string[]> = {};
  const cpuNotes: string[] = [];
  for (const variant of P1_VARIANTS.filter((v) => selectedVariant('p1', v.id))) {
    const warm = { ...variant.options, count: Math.max(1, Math.round(variant.options.count / 10)) };
    await floodOnce(native!.page, warm);
    await floodOnce(extension!.page, warm);
    // CPU per process and thread: steadier than the elapsed time, which two shared cores make noisy.
    const cpu: { native: CpuByThread[]; extension: CpuByThread[] } = { native: [], extension: [] };
    const runs = await alternate(
      RUNS,
      async () => (await floodOnce(native!.page, variant.options, { browserPid: browserPid(native!), into: cpu.native })).ms,
      async () => (await floodOnce(extension!.page, variant.options, { browserPid: browserPid(extension!), into: cpu.extension })).ms,
    );
    const cpuNative = medianCpu(cpu.native);
    const cpuExtension = medianCpu(cpu.extension);
    cpuNotes.push(
      `${variant.label}, CPU per process / thread (median of runs, /proc), native → extension: ${cpuComparison(cpuNative, cpuExtension)}.`,
    );
    const nativeMs = median(runs.a);
    const extensionMs = median(runs.b);
    const ratio = nativeMs / extensionMs;
    const pairRatios = runs.a.map((a, i) => a / runs.b[i]);
    const perSecond = (ms: number) => Math.round((variant.options.count / ms) * 1000);
    data[variant.id] = {
      options: variant.options,
      nativeMs: runs.a.map((v) => round(v, 1)),
      extensionMs: runs.b.map((v) => round(v, 1)),
      medianNativeMs: round(nativeMs, 1),
      medianExtensionMs: round(extensionMs, 1),
      medianOfPairRatios: round(median(pairRatios), 3),
      echoesPerSecond: { native: perSecond(nativeMs), extension: perSecond(extensionMs) },
      cpuMsNative: cpuNative,
      cpuMsExtension: cpuExtension,
    };
    figures.push(
      figure(
        `P1.${variant.id}`,
        `P1 page throughput, ${variant.label} (native / extension time)`,
        round(ratio, 3),
        'x',
        `median ${Math.round(nativeMs)} ms native (${range(runs.a)}) vs ${Math.round(extensionMs)} ms extension (${range(runs.b)}), ${RUNS} alternated runs a side; pair ratios ${quartiles(pairRatios, 3)} (quartiles); the page's main thread ${Math.round(cpuNative[PAGE_MAIN] ?? 0)} vs ${Math.round(cpuExtension[PAGE_MAIN] ?? 0)} ms of CPU`,
        { op: '>=', value: 0.95 },
      ),
    );
    // With --profile: one extra, unmeasured run of each side under the CPU profiler.
    for (const [side, session] of [
      ['extension', extension!],
      ['native', native!],
    ] as const) {
      const cdp = await session.page.createCDPSession();
      if (await startProfile(cdp)) {
        await floodOnce(session.page, variant.options);
        profiles[`${variant.id}-${side}`] = await stopProfile(cdp, `p1-${variant.id}-${side}`);
      }
      await cdp.detach();
    }
  }
  if (Object.keys(profiles).length) data.profiles = profiles;
  writeSection({
    section: 'p1',
    title: 'P1 page throughput (DevTools closed)',
    figures,
    data,
    notes: [
      'Time from the first send to the last echo, measured in the page; each run in a fresh document.',
      'Native: the same Chromium flags with --disable-extensions. Puppeteer’s CDP Network domain is off on both.',
      ...cpuNotes,
    ],
    wallMs: Date.now() - started,
  });
});

interface LoadTiming {
  dcl: number;
  responseEnd: number;
}

async function loadOnce(page: Page, url: string): Promise<LoadTiming> {
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return { dcl: nav.domContentLoadedEventStart, responseEnd: nav.responseEnd };
  });
}

it.runIf(selected('p5'))('P5 page load (DOMContentLoaded), extension vs native', async () => {
  const started = Date.now();
  const figures: Figure[] = [];
  const data: Record<string, unknown> = {};
  const runs = QUICK ? 5 : 31;
  const pages = [
    { id: 'blank', label: 'blank page', url: server.page('/blank.html', BLANK_PAGE) },
    { id: 'sockets-10', label: 'page opening 10 sockets', url: server.page('/sockets.html', socketsPage(`${server.wsOrigin}/echo`, 10)) },
  ];
  for (const p of pages) {
    for (let i = 0; i < 3; i++) {
      await loadOnce(native!.page, p.url);
      await loadOnce(extension!.page, p.url);
    }
    const samples = await alternate(
      runs,
      () => loadOnce(native!.page, p.url),
      () => loadOnce(extension!.page, p.url),
    );
    // A steadier view of the same cost: the main-thread time of our two document_start scripts per load.
    const scripts = await contentScriptTime(extension!.page, QUICK ? 3 : 10, () => loadOnce(extension!.page, p.url));
    const scriptMs = Object.values(scripts.perScript).reduce((sum, v) => sum + v, 0);
    const nativeDcl = median(samples.a.map((s) => s.dcl));
    const extensionDcl = median(samples.b.map((s) => s.dcl));
    const added = extensionDcl - nativeDcl;
    const pairDifferences = samples.a.map((s, i) => samples.b[i].dcl - s.dcl);
    const pairAdded = median(pairDifferences);
    data[p.id] = {
      runsPerSide: runs,
      nativeDclMs: samples.a.map((s) => round(s.dcl, 2)),
      extensionDclMs: samples.b.map((s) => round(s.dcl, 2)),
      nativeResponseEndMs: samples.a.map((s) => round(s.responseEnd, 2)),
      extensionResponseEndMs: samples.b.map((s) => round(s.responseEnd, 2)),
      medianNativeDclMs: round(nativeDcl, 2),
      medianExtensionDclMs: round(extensionDcl, 2),
      medianOfPairDifferencesMs: round(pairAdded, 2),
      ratio: round(nativeDcl / extensionDcl, 3),
      contentScriptMsPerLoad: Object.fromEntries(Object.entries(scripts.perScript).map(([k, v]) => [k, round(v, 2)])),
      contentScriptMsEachLoad: scripts.perLoad.map((v) => round(v, 2)),
    };
    figures.push(
      figure(
        `P5.${p.id}`,
        `P5 DOMContentLoaded added, ${p.label}`,
        round(added, 2),
        'ms',
        `median DCL ${round(nativeDcl, 1)} ms native vs ${round(extensionDcl, 1)} ms extension, ${runs} alternated loads a side; pair differences ${quartiles(pairDifferences, 1)} ms (quartiles)`,
        { op: '<=', value: 5 },
      ),
      figure(
        `P5.traced-${p.id}`,
        `P5 our document_start scripts, traced, ${p.label}`,
        round(scriptMs, 2),
        'ms',
        `main-thread time per load, hook and relay (${Object.entries(scripts.perScript)
          .map(([script, ms]) => `${script} ${round(ms, 2)} ms`)
          .join(', ')}); ${range(scripts.perLoad, 1)} ms over ${scripts.perLoad.length} traced loads; empty scripts trace about 0.1 ms`,
        { op: '<=', value: 1 },
      ),
    );
  }
  // With --profile: twenty more loads of the sockets page under the CPU profiler (what our scripts cost).
  const cdp = await extension!.page.createCDPSession();
  if (await startProfile(cdp)) {
    for (let i = 0; i < 20; i++) await loadOnce(extension!.page, pages[1].url);
    data.profile = await stopProfile(cdp, 'p5-load-page');
  }
  await cdp.detach();
  writeSection({
    section: 'p5',
    title: 'P5 page load (DevTools closed)',
    figures,
    data,
    notes: [
      'domContentLoadedEventStart of the navigation entry, from a local HTTP server; median of alternating loads.',
      'Document_start script time: EvaluateScript trace events of the hook and the relay (compile + top-level run), per load (10 traced loads).',
    ],
    wallMs: Date.now() - started,
  });
});

it.runIf(selected('p2'))('P2 a burst into an open, recording panel', async () => {
  const started = Date.now();
  // Both sides now have DevTools open (it records every frame in its Network panel); two browsers at a time.
  await native?.close();
  await extension?.close();
  native = undefined;
  extension = undefined;
  const baseline = await launchSide('native-devtools');
  const panelSide = await launchSide('panel');
  try {
    await panelSide.openPanel();
    const messages = scale(100_000);
    const options: FloodOptions = { count: messages, size: 64, kind: 'text', pattern: 'fixed', window: 2000 };
    const expected = 2 * messages + 2; // create + open + every message both ways
    const warm = { ...options, count: Math.round(messages / 10) };
    await floodOnce(baseline.page, warm);
    /** CPU per process and thread during each measured burst (bench/support/process-cpu.ts). */
    const cpu: { native: CpuByThread[]; panel: CpuByThread[] } = { native: [], panel: [] };
    const nativeRun = async () => (await floodOnce(baseline.page, options, { browserPid: browserPid(baseline), into: cpu.native })).ms;

    const panelRun = async (profile?: string, flood: FloodOptions = options) => {
      const page = panelSide.page;
      await page.goto(floodUrl);
      await openSocket(page);
      // The new document replaces the old one in the panel: wait until only its two lifecycle rows show.
      const panel = await panelSide.panel();
      await waitForExactTotal(panel, 2, 60_000);
      const want = 2 * flood.count + 2;
      await watchTotal(panel, want);
      const pageCdp = profile ? await page.createCDPSession() : null;
      const panelTarget = profile ? await panelCdp(panelSide) : null;
      const workerTarget = profile ? await serviceWorkerCdp(panelSide) : null;
      if (pageCdp && panelTarget) {
        await startProfile(pageCdp);
        await startProfile(panelTarget);
        if (workerTarget) await startProfile(workerTarget);
      }
      const before = cpuSnapshot(browserPid(panelSide));
      await startFlood(page, flood);
      const result = await waitFlood(page);
      const caught = await waitForTotal(panel, want, 120_000);
      // Until the panel showed every row: its catch-up is work the burst caused.
      if (flood === options && !profile) cpu.panel.push(cpuSpent(before, cpuSnapshot(browserPid(panelSide))));
      const watch = await readTotalWatch(panel);
      let hot: string[] = [];
      if (pageCdp && panelTarget) {
        hot = [...(await stopProfile(pageCdp, `${profile}-page`)), ...(await stopProfile(panelTarget, `${profile}-panel`))];
        if (workerTarget) hot.push(...(await stopProfile(workerTarget, `${profile}-service-worker`)));
        await pageCdp.detach();
        await panelTarget.detach();
        await workerTarget?.detach();
      }
      await sleep(500); // anything beyond the expected rows (duplicates) would show by now
      const [, total] = await readCount(panel);
      await closeSocket(page);
      return { ms: result.ms, total, caught, catchUpMs: caught ? watch.hitEpoch - result.endEpoch : Number.NaN, hot };
    };
    await panelRun(undefined, warm);
    const runs = await alternate(P2_RUNS, nativeRun, () => panelRun());
    const nativeMs = median(runs.a);
    const panelMs = median(runs.b.map((r) => r.ms));
    const captured = runs.b.map((r) => r.total / expected);
    const worstCaptured = captured.reduce((w, c) => (Math.abs(c - 1) > Math.abs(w - 1) ? c : w), 1);
    const catchUp = runs.b.map((r) => r.catchUpMs);
    const catchUpMedian = median(catchUp.filter(Number.isFinite));
    const catchUpMax = Math.max(...catchUp.map((c) => (Number.isFinite(c) ? c : Number.POSITIVE_INFINITY)));
    const profiled = process.env.BENCH_PROFILE_DIR ? await panelRun('p2-burst') : null;
    writeSection({
      section: 'p2',
      title: 'P2 burst into an open panel',
      figures: [
        figure(
          'P2.captured',
          `P2 captured / sent, ${messages.toLocaleString('en-US')}-message burst (worst run)`,
          round(worstCaptured, 6),
          'x',
          `panel totals ${runs.b.map((r) => r.total).join(', ')} of ${expected} expected rows`,
          { op: '==', value: 1 },
        ),
        figure(
          'P2.catch-up',
          'P2 panel catch-up after the burst ends (worst run)',
          Math.round(catchUpMax),
          'ms',
          `runs: ${catchUp.map((c) => Math.round(c)).join(', ')} ms (median ${Math.round(catchUpMedian)})`,
          { op: '<=', value: 1000, text: '< 1000 ms' },
        ),
        figure(
          'P2.throughput',
          'P2 page throughput with the panel recording (native / extension time, DevTools open on both)',
          round(nativeMs / panelMs, 3),
          'x',
          `median ${Math.round(nativeMs)} ms native (${range(runs.a)}) vs ${Math.round(panelMs)} ms with the panel recording (${range(runs.b.map((r) => r.ms))}), ${P2_RUNS} alternated runs a side`,
          { op: '>=', value: 0.9 },
        ),
      ],
      data: {
        runsPerSide: P2_RUNS,
        messages,
        expectedRows: expected,
        nativeMs: runs.a.map((v) => round(v, 1)),
        panelBurstMs: runs.b.map((r) => round(r.ms, 1)),
        panelTotals: runs.b.map((r) => r.total),
        catchUpMs: catchUp.map((c) => round(c, 1)),
        catchUpMaxMs: round(catchUpMax, 1),
        profile: profiled?.hot,
        cpuMsNative: medianCpu(cpu.native),
        cpuMsPanel: medianCpu(cpu.panel),
      },
      notes: [
        'Catch-up: Date.now() at the last echo in the page until the panel’s count first showed every row (a MutationObserver in the panel).',
        'Baseline: Chromium without the extension, DevTools open (its Network panel records every frame on both sides).',
        `CPU time per process / thread during a burst (median of runs, /proc; the panel's until it showed every row), native → with the panel: ${cpuComparison(medianCpu(cpu.native), medianCpu(cpu.panel))}.`,
      ],
      wallMs: Date.now() - started,
    });
  } finally {
    await panelSide.close();
    await baseline.close();
  }
});
