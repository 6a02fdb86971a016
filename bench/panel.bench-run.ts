/**
 * P3 the panel at 1,000,000 messages (filter, scroll, open a large message) and P4 memory at that
 * size. The million rows go through the real pipeline: a 500,000-message echo flood captured with
 * DevTools closed, then DevTools and the panel open and the relay replays its log (the `sync` path).
 */
import type { CDPSession, Frame } from 'puppeteer-core';
import { afterAll, beforeAll, it } from 'vitest';
import type { ChromiumSession } from '../test/support/chromium';
import { sleep } from '../test/support/chromium';
import {
  devtoolsCdp,
  type Heap,
  heapOf,
  launchSide,
  openSocket,
  panelCdp,
  startFlood,
  startProfile,
  stopProfile,
  waitFlood,
} from './support/browser';
import { DECODED_FILTER, decodedFilterMatches, FILTER_REGEX, filterMatches, floodPage } from './support/pages';
import {
  readCount,
  sampleFrames,
  scrollToEnd,
  timeFilter,
  timeFullSearch,
  timeOpenRow,
  waitForExactTotal,
  waitForTotal,
} from './support/panel-probes';
import { type Figure, figure, QUICK, selected, step, writeSection } from './support/record';
import { type BenchServer, startBenchServer } from './support/server';
import { alternate, median, percentile, round } from './support/stats';

const RUNS = QUICK ? 2 : 5;
const MESSAGES = QUICK ? 50_000 : 500_000;
const BIG = 1_000_000;
/** Rows: create + open, every message both ways, and the big and small marker messages both ways. */
const EXPECTED_ROWS = 2 + 2 * MESSAGES + 4;

let server: BenchServer;
let session: ChromiumSession | undefined;

beforeAll(async () => {
  server = await startBenchServer();
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

const mb = (h: Heap) => round(h.usedMB, 1);

async function checkRegex(panel: Frame): Promise<void> {
  const changed = await panel.evaluate(() => {
    const box = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === 'Regex')?.querySelector('input');
    if (!box) throw new Error('no Regex checkbox');
    if (box.checked) return false;
    box.click();
    return true;
  });
  if (changed) {
    await panel.waitForFunction(
      () =>
        [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === 'Regex')?.querySelector('input')?.checked === true,
      { polling: 50, timeout: 60_000 },
    );
  }
}

it.runIf(selected('p3') || selected('p4'))('P3 + P4: the panel at 1,000,000 messages', async () => {
  const started = Date.now();
  const figures: Figure[] = [];
  const notes: string[] = [];
  session = await launchSide('extension');
  const page = session.page;
  const url = server.page('/flood.html', floodPage(`${server.wsOrigin}/echo`));
  await page.goto(url);
  await openSocket(page);
  const pageCdp = await page.createCDPSession();
  const pageEmpty = await heapOf(pageCdp, true);

  step('p3', 'flooding');
  // 1. A million message rows through the page hook and the relay (DevTools closed: only our capture runs).
  // Socket.IO-shaped messages: the panel decodes them, so every P3 figure is measured with decoding on.
  await startFlood(page, { count: MESSAGES, size: 64, kind: 'text', pattern: 'socketio', window: 2000 });
  const flood = await waitFlood(page, 600_000);
  await startFlood(page, { count: 1, size: BIG, kind: 'text', pattern: 'marker', prefix: 'BIG-MESSAGE', window: 1 });
  await waitFlood(page);
  await startFlood(page, { count: 1, size: 64, kind: 'text', pattern: 'marker', prefix: 'SMALL-MESSAGE', window: 1 });
  await waitFlood(page);
  const pageFull = await heapOf(pageCdp, true);

  step('p3', 'opening DevTools and the panel');
  // 2. DevTools and the panel open; the relay replays its log into the panel.
  const openedAt = Date.now();
  await session.openDevtools();
  let panel = await session.openPanel();
  const replayed = await waitForTotal(panel, EXPECTED_ROWS, 300_000);
  const replayMs = Date.now() - openedAt;
  panel = await session.panel();
  const [, total] = await readCount(panel);
  if (!replayed || total !== EXPECTED_ROWS) notes.push(`The panel showed ${total} rows, ${EXPECTED_ROWS} expected.`);
  const panelTarget: CDPSession = await panelCdp(session);
  const panelFull = await heapOf(panelTarget, true);
  const devtools = await devtoolsCdp(session);
  const devtoolsFull = devtools ? await heapOf(devtools, true) : null;

  step('p3', 'decoded filter');
  // 3a. A filter on a decoded field (the Socket.IO event name), alternately applied and cleared.
  const decodedRuns = await alternate(
    RUNS,
    () => timeFilter(panel, DECODED_FILTER, 120_000),
    () => timeFilter(panel, ''),
    'abab',
  );
  const expectedDecoded = decodedFilterMatches(MESSAGES);
  const decodedText = decodedRuns.a[0]?.text ?? '';
  if (!decodedText.startsWith(`${expectedDecoded} / ${EXPECTED_ROWS}`))
    notes.push(`The decoded filter showed "${decodedText}"; ${expectedDecoded} / ${EXPECTED_ROWS} expected.`);
  const decodedMs = median(decodedRuns.a.map((r) => r.domMs));

  step('p3', 'filter');
  // 3. Regex filter: alternately applied and cleared, each timed from its input event to the count's change.
  await checkRegex(panel);
  step('p3', `regex on: ${await readCount(panel)}`);
  const filterRuns = await alternate(
    RUNS,
    () => timeFilter(panel, FILTER_REGEX),
    () => timeFilter(panel, ''),
    'abab',
  );
  const filteredText = filterRuns.a[0]?.text ?? '';
  const expectedVisible = filterMatches(MESSAGES);
  if (!filteredText.startsWith(`${expectedVisible} / ${EXPECTED_ROWS}`))
    notes.push(`The regex filter showed "${filteredText}"; ${expectedVisible} / ${EXPECTED_ROWS} expected.`);
  const filterMs = median(filterRuns.a.map((r) => r.domMs));
  const clearMs = median(filterRuns.b.map((r) => r.domMs));
  let filterProfile: string[] = [];
  if (await startProfile(panelTarget)) {
    await timeFilter(panel, FILTER_REGEX);
    filterProfile = await stopProfile(panelTarget, 'p3-filter-panel');
    await timeFilter(panel, '');
  }

  step('p3', 'whole-payload search');
  // 3b. The same regex as a whole-payload search (Enter): every message, the 1 MB one fetched from the relay.
  await timeFilter(panel, FILTER_REGEX);
  const searchRuns: Awaited<ReturnType<typeof timeFullSearch>>[] = [];
  for (let i = 0; i < RUNS; i++) searchRuns.push(await timeFullSearch(panel));
  await timeFilter(panel, '');
  const searchMs = median(searchRuns.map((r) => r.ms));
  const searchText = searchRuns[0]?.text ?? '';
  const expectedSearch = `Whole payloads searched: ${expectedVisible.toLocaleString('en-US')} matches in ${(EXPECTED_ROWS - 2).toLocaleString('en-US')} messages.`;
  if (searchText !== expectedSearch) notes.push(`The whole-payload search said "${searchText}"; "${expectedSearch}" expected.`);
  if (!searchRuns.every((r) => r.progressSeen)) notes.push('The whole-payload search did not show its progress bar on every run.');

  step('p3', 'scroll');
  // 4. Scrolling the full list: 120 frames at 1,500 px (75 rows) per frame, alternating with idle frames.
  const FRAMES = QUICK ? 60 : 120;
  const STEP = 1500;
  const scrollRuns = await alternate(
    RUNS,
    () => sampleFrames(panel, FRAMES, STEP, 0.3),
    () => sampleFrames(panel, FRAMES, 0, 0),
  );
  const scrollWork = scrollRuns.a.flatMap((r) => r.work);
  const scrollDeltas = scrollRuns.a.flatMap((r) => r.deltas);
  const idleWork = scrollRuns.b.flatMap((r) => r.work);
  const idleDeltas = scrollRuns.b.flatMap((r) => r.deltas);
  const scrollEvents = scrollRuns.a.map((r) => r.scrollEvents);
  // 4b. Scrolling as a wheel or a trackpad does: 100 px (5 rows' height) a frame. Most rows stay in view from one
  // frame to the next, so a frame should cost what the rows that come in cost.
  const SLOW_STEP = 100;
  const slowRuns = [];
  for (let i = 0; i < RUNS; i++) slowRuns.push(await sampleFrames(panel, FRAMES, SLOW_STEP, 0.3));
  const slowWork = slowRuns.flatMap((r) => r.work);
  let scrollProfile: string[] = [];
  if (await startProfile(panelTarget)) {
    await sampleFrames(panel, FRAMES, STEP, 0.3);
    scrollProfile = await stopProfile(panelTarget, 'p3-scroll-panel');
  }

  step('p3', 'open a large message');
  // 5. Selecting the 1 MB message until its payload shows, alternating with a 64 B one.
  await scrollToEnd(panel);
  await sleep(200);
  const openRuns = await alternate(
    RUNS,
    () => timeOpenRow(panel, 'BIG-MESSAGE', 'recv', 200_000),
    () => timeOpenRow(panel, 'SMALL-MESSAGE', 'recv', 60),
    'abab',
  );
  const openBig = median(openRuns.a.map((r) => r.fullMs));
  const openSmall = median(openRuns.b.map((r) => r.fullMs));
  let openProfile: string[] = [];
  if (await startProfile(panelTarget)) {
    await timeOpenRow(panel, 'BIG-MESSAGE', 'recv', 200_000);
    openProfile = await stopProfile(panelTarget, 'p3-open-panel');
    await timeOpenRow(panel, 'SMALL-MESSAGE', 'recv', 60);
  }

  step('p3', 'baselines');
  // 6. Baselines for P4: a fresh document empties both the relay's log and the panel.
  await page.goto(url);
  await openSocket(page);
  await waitForExactTotal(panel, 2, 60_000);
  await sleep(500);
  const pageFresh = await heapOf(pageCdp, true);
  const panelFresh = await heapOf(panelTarget, true);

  const rowsLabel = `${(2 * MESSAGES).toLocaleString('en-US')} messages`;
  figures.push(
    figure(
      'P3.filter',
      `P3 regex filter at ${rowsLabel} (median)`,
      Math.round(filterMs),
      'ms',
      `input to count change; clearing it: ${Math.round(clearMs)} ms; until painted ${Math.round(median(filterRuns.a.map((r) => r.paintedMs)))} ms`,
      { op: '<=', value: 300, text: '< 300 ms' },
    ),
    figure(
      'P3.decoded-filter',
      `P3 decoded filter "${DECODED_FILTER}" at ${rowsLabel} of Socket.IO (median)`,
      Math.round(decodedMs),
      'ms',
      `input to count change; every row decoded from its preview (cached for the last 20,000 rows); runs: ${decodedRuns.a.map((r) => Math.round(r.domMs)).join(', ')} ms`,
    ),
    figure(
      'P3.full-search',
      `P3 whole-payload regex search over ${rowsLabel} (median)`,
      Math.round(searchMs),
      'ms',
      `Enter until the result shows, in a worker, with progress; includes fetching the 1 MB body from the relay; runs: ${searchRuns.map((r) => Math.round(r.ms)).join(', ')} ms`,
    ),
    figure(
      'P3.scroll-frame',
      `P3 scroll frame work at ${rowsLabel}, ${STEP.toLocaleString('en-US')} px a frame (p95)`,
      round(percentile(scrollWork, 95), 1),
      'ms',
      `median ${round(median(scrollWork), 1)} ms, max ${round(Math.max(...scrollWork), 1)} ms; idle frames p95 ${round(percentile(idleWork, 95), 1)} ms`,
      { op: '<=', value: 16, text: '< 16 ms' },
    ),
    figure(
      'P3.scroll-frame-slow',
      `P3 scroll frame work at ${rowsLabel}, ${SLOW_STEP} px a frame (p95)`,
      round(percentile(slowWork, 95), 1),
      'ms',
      `median ${round(median(slowWork), 1)} ms, max ${round(Math.max(...slowWork), 1)} ms; as a wheel scrolls`,
      { op: '<=', value: 16, text: '< 16 ms' },
    ),
    figure(
      'P3.scroll-interval',
      `P3 frame interval while scrolling (p95 rAF delta)`,
      round(percentile(scrollDeltas, 95), 1),
      'ms',
      `median ${round(median(scrollDeltas), 1)} ms vs idle p95 ${round(percentile(idleDeltas, 95), 1)} ms; ${scrollDeltas.filter((d) => d > 25).length}/${scrollDeltas.length} frames over 25 ms`,
    ),
    figure(
      'P3.open-1MB',
      `P3 select and show a 1 MB message at ${rowsLabel} (median)`,
      Math.round(openBig),
      'ms',
      `mousedown until 256 K characters show; a 64 B message: ${Math.round(openSmall)} ms`,
    ),
  );
  if (selected('p4') || selected('p3')) {
    figures.push(
      figure(
        'P4.page-heap',
        `P4 page JS heap at ${rowsLabel} (after GC)`,
        mb(pageFull),
        'MB',
        `hook + relay log; the same page empty: ${mb(pageFresh)} MB (before the flood ${mb(pageEmpty)} MB)`,
        { op: '<=', value: 300, text: '< 300 MB' },
      ),
      figure(
        'P4.panel-heap',
        `P4 panel JS heap at ${rowsLabel} (after GC)`,
        mb(panelFull),
        'MB',
        `extension renderer (panel + devtools page); empty capture: ${mb(panelFresh)} MB${devtoolsFull ? `; DevTools front-end ${mb(devtoolsFull)} MB` : ''}`,
        { op: '<=', value: 300, text: '< 300 MB' },
      ),
    );
  }
  figures.push(
    figure(
      'P3.replay',
      `P3 replay of ${rowsLabel} into a newly opened panel`,
      round(replayMs / 1000, 1),
      's',
      `the flood itself: ${round(flood.ms / 1000, 1)} s (${Math.round(((2 * MESSAGES) / flood.ms) * 1000)} messages/s captured, DevTools closed)`,
    ),
  );
  writeSection({
    section: 'p3',
    title: 'P3 + P4: the panel at 1,000,000 messages',
    figures,
    data: {
      messages: 2 * MESSAGES,
      expectedRows: EXPECTED_ROWS,
      panelTotal: total,
      floodMs: round(flood.ms, 1),
      replayMs,
      filter: {
        regex: FILTER_REGEX,
        expectedVisible,
        shown: filteredText,
        applyMs: filterRuns.a.map((r) => round(r.domMs, 1)),
        applyPaintedMs: filterRuns.a.map((r) => round(r.paintedMs, 1)),
        clearMs: filterRuns.b.map((r) => round(r.domMs, 1)),
        profile: filterProfile,
      },
      fullSearch: {
        regex: FILTER_REGEX,
        said: searchText,
        ms: searchRuns.map((r) => round(r.ms, 1)),
        progressSeen: searchRuns.map((r) => r.progressSeen),
      },
      scroll: {
        framesPerRun: FRAMES,
        pxPerFrame: STEP,
        scrollEventsPerRun: scrollEvents,
        rowsRendered: scrollRuns.a[0]?.rowsRendered,
        workMs: scrollRuns.a.map((r) => r.work.map((w) => round(w, 2))),
        deltaMs: scrollRuns.a.map((r) => r.deltas.map((w) => round(w, 2))),
        idleWorkMs: scrollRuns.b.map((r) => r.work.map((w) => round(w, 2))),
        idleDeltaMs: scrollRuns.b.map((r) => r.deltas.map((w) => round(w, 2))),
        slowPxPerFrame: SLOW_STEP,
        slowWorkMs: slowRuns.map((r) => r.work.map((w) => round(w, 2))),
        profile: scrollProfile,
      },
      open: {
        big: openRuns.a.map((r) => ({ firstMs: round(r.firstMs, 1), fullMs: round(r.fullMs, 1), chars: r.shownChars })),
        small: openRuns.b.map((r) => ({ firstMs: round(r.firstMs, 1), fullMs: round(r.fullMs, 1), chars: r.shownChars })),
        profile: openProfile,
      },
      heapMB: {
        method: 'CDP Performance.getMetrics JSHeapUsedSize after two HeapProfiler.collectGarbage, per target',
        pageEmptyBeforeFlood: mb(pageEmpty),
        pageAtFull: mb(pageFull),
        pageFreshDocument: mb(pageFresh),
        panelAtFull: mb(panelFull),
        panelEmptyCapture: mb(panelFresh),
        devtoolsFrontEndAtFull: devtoolsFull ? mb(devtoolsFull) : null,
      },
    },
    notes: [
      'The page’s heap is its renderer’s main isolate: the page, the MAIN-world hook and the ISOLATED-world relay (which holds the log).',
      'The panel’s heap is its out-of-process frame’s isolate (shared with the devtools_page frame).',
      'Scroll frame work: from the frame’s scroll event to a task posted from its rAF callback (after style, layout, paint).',
      ...notes,
    ],
    wallMs: Date.now() - started,
  });
});
