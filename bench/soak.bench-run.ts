/**
 * The memory soak: "ten minutes of traffic compressed" into 60 s of echo traffic at the highest rate
 * the page reaches, with DevTools and the panel open and recording. One message in ten carries a 4 KB
 * body (kept by the relay past its preview, so its body budget fills and trims). The page's and the
 * panel's JS heaps are sampled every 5 s; at the end the status bar says what the relay trimmed/dropped.
 */
import { afterAll, beforeAll, it } from 'vitest';
import type { ChromiumSession } from '../test/support/chromium';
import { sleep } from '../test/support/chromium';
import { heapOf, launchSide, openSocket, panelCdp, startFlood, waitFlood } from './support/browser';
import { type FloodOptions, type FloodResult, floodPage } from './support/pages';
import { captureHealth, readCount, readLastChange, waitForExactTotal, waitForTotal, watchLastChange } from './support/panel-probes';
import { figure, QUICK, selected, step, writeSection } from './support/record';
import { type BenchServer, startBenchServer } from './support/server';
import { round } from './support/stats';

const DURATION_MS = QUICK ? 10_000 : 60_000;
const SAMPLE_MS = 5_000;
/** From src/shared/limits.ts (the bench does not import extension code). */
const RELAY_BODY_BUDGET = 64 << 20;
const RELAY_EVENT_CAP = 2_000_000;
/** Chromium cannot lay out an element taller than about 2^25 px: 20 px rows stop being reachable past this. */
const MAX_SCROLLABLE_ROWS = Math.floor(33_554_428 / 20);

let server: BenchServer;
let session: ChromiumSession | undefined;

beforeAll(async () => {
  server = await startBenchServer();
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

interface Sample {
  atS: number;
  pageHeapMB: number;
  panelHeapMB: number;
  sent: number;
  received: number;
  panelRows: number;
}

it.runIf(selected('soak'))('Memory soak: 60 s at the maximum rate with the panel open', async () => {
  const started = Date.now();
  session = await launchSide('panel');
  const page = session.page;
  await session.openPanel();
  const url = server.page('/flood.html', floodPage(`${server.wsOrigin}/echo`));
  await page.goto(url);
  await openSocket(page);
  let panel = await session.panel();
  await waitForExactTotal(panel, 2, 60_000);
  const pageCdp = await page.createCDPSession();
  const panelTarget = await panelCdp(session);
  const pageStart = await heapOf(pageCdp, true);
  const panelStart = await heapOf(panelTarget, true);

  const options: FloodOptions = {
    count: 0,
    durationMs: DURATION_MS,
    size: 128,
    kind: 'text',
    pattern: 'json',
    window: 2000,
    bigEvery: 10,
    bigSize: 4096,
  };
  step('soak', `${DURATION_MS / 1000} s of traffic`);
  await watchLastChange(panel);
  await startFlood(page, options);
  const samples: Sample[] = [];
  const t0 = Date.now();
  let result: FloodResult | null = null;
  while (!result) {
    await sleep(SAMPLE_MS - ((Date.now() - t0) % SAMPLE_MS));
    const [pageHeap, panelHeap, progress, count] = await Promise.all([
      heapOf(pageCdp, false),
      heapOf(panelTarget, false),
      page.evaluate(() => {
        const run = (window as unknown as { __run: FloodResult }).__run;
        return { sent: run.sent, received: run.received, done: run.done };
      }),
      readCount(panel).catch(() => [-1, -1] as [number, number]),
    ]);
    samples.push({
      atS: round((Date.now() - t0) / 1000, 1),
      pageHeapMB: round(pageHeap.usedMB, 1),
      panelHeapMB: round(panelHeap.usedMB, 1),
      sent: progress.sent,
      received: progress.received,
      panelRows: count[1],
    });
    step(
      'soak',
      `${samples.at(-1)?.atS} s: page ${round(pageHeap.usedMB, 1)} MB, panel ${round(panelHeap.usedMB, 1)} MB, ${count[1]} rows`,
    );
    if (progress.done) result = await waitFlood(page, 5_000);
  }
  const messages = result.sent;
  const events = 2 + 2 * messages;
  panel = await session.panel();
  const caughtUp = await waitForTotal(panel, events, 120_000);
  const catchUpS = caughtUp ? round(((await readLastChange(panel)).epoch - result.endEpoch) / 1000, 2) : Number.NaN;
  const [, rows] = await readCount(panel);
  const health = await captureHealth(panel);
  const pageEnd = await heapOf(pageCdp, true);
  const panelEnd = await heapOf(panelTarget, true);

  await session.close();
  session = undefined;

  // The relay's body budget, checked where it matters (the page's memory): 300 MB of 1 MB bodies
  // (150 echoed messages) into a fresh document, DevTools closed; the heap may grow by the budget only.
  step('soak', 'body budget check: 150 × 1 MB echoed');
  session = await launchSide('extension');
  await session.page.goto(url);
  await openSocket(session.page);
  const budgetCdp = await session.page.createCDPSession();
  const budgetBefore = await heapOf(budgetCdp, true);
  const bigCount = QUICK ? 40 : 150;
  await startFlood(session.page, { count: bigCount, size: 1_000_000, kind: 'text', pattern: 'fixed', window: 4 });
  await waitFlood(session.page);
  const budgetAfter = await heapOf(budgetCdp, true);
  const budgetGrowthMB = budgetAfter.usedMB - budgetBefore.usedMB;
  // Bodies are counted as UTF-16 (2 bytes a character) against the budget; these are one-byte strings.
  const budgetAllowsMB = RELAY_BODY_BUDGET / 1e6 + 16;
  const budgetHeld = budgetGrowthMB <= budgetAllowsMB;

  const bigMessages = Math.floor(messages / options.bigEvery!);
  // Each big message is kept twice (sent and echoed), as UTF-16: what the relay's body budget has to hold.
  const bodyBytes = bigMessages * 2 * options.bigSize! * 2;
  const dropped = Number(/(\d+) dropped/.exec(health)?.[1] ?? 0);
  const trimmed = Number(/(\d+) payloads trimmed/.exec(health)?.[1] ?? 0);
  const expectTrim = bodyBytes > RELAY_BODY_BUDGET;
  const expectDrop = events > RELAY_EVENT_CAP;
  const trimHeld = (expectTrim ? trimmed > 0 : trimmed === 0) && budgetHeld;
  const dropHeld = expectDrop ? dropped === events - RELAY_EVENT_CAP : dropped === 0;
  const maxPage = Math.max(...samples.map((s) => s.pageHeapMB), pageEnd.usedMB);
  const maxPanel = Math.max(...samples.map((s) => s.panelHeapMB), panelEnd.usedMB);
  const notes = [
    `Traffic: ${messages.toLocaleString('en-US')} messages echoed in ${round(result.ms / 1000, 1)} s (${Math.round((messages / result.ms) * 1000)}/s), ${events.toLocaleString('en-US')} events; one in ${options.bigEvery} carries ${options.bigSize} B.`,
    `Relay body budget ${RELAY_BODY_BUDGET >> 20} MiB vs ${round(bodyBytes / 2 ** 20, 1)} MiB of bodies produced: ${expectTrim ? 'trimming expected' : 'no trimming expected'}; status bar: "${health.trim()}".`,
    `Relay event cap ${RELAY_EVENT_CAP.toLocaleString('en-US')} vs ${events.toLocaleString('en-US')} events: ${expectDrop ? 'drops expected' : 'no drops expected'}.`,
    `Body budget check: ${bigCount} × 1 MB echoed (${2 * bigCount} MB of bodies) grew the page heap by ${round(budgetGrowthMB, 1)} MB after GC; the budget allows about ${Math.round(budgetAllowsMB)} MB.`,
  ];
  if (!caughtUp) notes.push(`The panel had not caught up 120 s after the traffic ended (${rows} of ${events} rows).`);
  if (rows > MAX_SCROLLABLE_ROWS)
    notes.push(
      `The panel holds ${rows} rows: past ~${MAX_SCROLLABLE_ROWS.toLocaleString('en-US')} the list's spacer exceeds Chromium's maximum layout height.`,
    );
  writeSection({
    section: 'soak',
    title: 'Memory soak',
    figures: [
      figure(
        'soak.page-heap-max',
        `Soak: page JS heap, max over ${DURATION_MS / 1000} s at max rate`,
        round(maxPage, 1),
        'MB',
        `final ${round(pageEnd.usedMB, 1)} MB after GC (start ${round(pageStart.usedMB, 1)} MB); ${messages.toLocaleString('en-US')} messages`,
        { op: '<=', value: 300, text: '< 300 MB' },
      ),
      figure(
        'soak.panel-heap-max',
        `Soak: panel JS heap, max over ${DURATION_MS / 1000} s at max rate`,
        round(maxPanel, 1),
        'MB',
        `final ${round(panelEnd.usedMB, 1)} MB after GC (start ${round(panelStart.usedMB, 1)} MB); ${rows.toLocaleString('en-US')} rows`,
        { op: '<=', value: 300, text: '< 300 MB' },
      ),
      figure(
        'soak.caps',
        'Soak: relay caps held (1 = yes)',
        trimHeld && dropHeld ? 1 : 0,
        'x',
        `${trimmed} bodies trimmed (${expectTrim ? 'expected' : 'none expected'}), ${dropped} events dropped (${expectDrop ? `${events - RELAY_EVENT_CAP} expected` : 'none expected'}); ${2 * bigCount} MB of 1 MB bodies grew the page heap by ${Math.round(budgetGrowthMB)} MB (budget ≈ ${Math.round(budgetAllowsMB)} MB)`,
        { op: '==', value: 1 },
      ),
      figure('soak.catch-up', 'Soak: panel catch-up after the traffic ended', catchUpS, 's', `${rows} of ${events} rows shown`, {
        op: '<=',
        value: 1,
        text: '< 1 s',
      }),
    ],
    data: {
      durationMs: DURATION_MS,
      options,
      messages,
      events,
      floodMs: round(result.ms, 1),
      samples,
      heapMB: {
        method: 'CDP Performance.getMetrics JSHeapUsedSize; samples without GC, start/end after GC',
        pageStart: round(pageStart.usedMB, 1),
        panelStart: round(panelStart.usedMB, 1),
        pageEnd: round(pageEnd.usedMB, 1),
        panelEnd: round(panelEnd.usedMB, 1),
      },
      health,
      bodyBudgetCheck: {
        messages: bigCount,
        bytesOfBodies: 2 * bigCount * 1_000_000,
        heapBeforeMB: round(budgetBefore.usedMB, 1),
        heapAfterMB: round(budgetAfter.usedMB, 1),
        growthMB: round(budgetGrowthMB, 1),
        allowedMB: round(budgetAllowsMB, 1),
        held: budgetHeld,
      },
      trimmed,
      dropped,
      bodyBytesProduced: bodyBytes,
      panelRows: rows,
      caughtUp,
    },
    notes,
    wallMs: Date.now() - started,
  });
});
