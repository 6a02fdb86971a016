/**
 * Deep capture (workers) in the real Chromium DevTools panel: sockets opened in a dedicated worker, a
 * module worker, a nested worker and a shared worker appear, labelled with their worker, with their
 * messages, sizes and close; a worker opening 1,000 sockets is counted exactly; a worker terminated
 * mid-stream leaves no socket silently open; turning it off and closing DevTools detach the debugger.
 */
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LONG_TEXT,
  serveLongMessagePage,
  serveManySocketsPage,
  serveTerminatedPage,
  serveWorkerPage,
  WORKER_BINARY,
  WORKER_TEXT,
} from '../fixtures/workers';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { type ChromiumSession, launchChromium, sleep } from '../support/chromium';
import {
  clickButton,
  filterConnection,
  filteredCount,
  openActions,
  panelText,
  readTimeline,
  selectRow,
  waitForPanel,
  waitForRowCount,
} from '../support/panel';
import { type FixtureServer, startFixtureServer } from '../support/servers';

const LABELS = ['dedicated', 'nested', 'module', 'shared'] as const;
const KIND: Record<(typeof LABELS)[number], string> = {
  dedicated: 'dedicated worker',
  nested: 'dedicated worker',
  module: 'dedicated worker',
  shared: 'shared worker',
};

let server: FixtureServer;
let session: ChromiumSession;
let panel: Frame;

/**
 * The Connections table, one entry per row: its cells' text, without the Type column (always "WebSocket" for a
 * worker socket), so that the indices read #, URL, State, Protocol, Opened, Duration, Sent, Received, Close.
 */
const connectionRows = () =>
  panel.$eval('section[aria-label=Connections] table', (table) => {
    const type = [...table.querySelectorAll('thead th')].findIndex((th) => th.textContent === 'Type');
    return [...table.querySelectorAll('tbody tr')].map((r) =>
      [...r.querySelectorAll('td')].map((td) => td.textContent ?? '').filter((_, i) => i !== type),
    );
  });

const deepStatus = () => panel.$eval('#deep-capture-status', (el) => el.textContent ?? '');

async function turnDeepCapture(on: boolean) {
  await clickButton(panel, 'Deep capture (workers)');
  await panel.waitForFunction(
    (wanted) => document.querySelector('section[aria-label="Deep capture"] button')?.getAttribute('aria-pressed') === String(wanted),
    { polling: 50, timeout: 15_000 },
    on,
  );
}

/** What each worker saw (its close and its world), sorted by label. */
async function workerOutcomes(page: Page): Promise<unknown[]> {
  await page.waitForFunction(() => (window as unknown as { __done: unknown[] }).__done.length === 4, { polling: 50, timeout: 20_000 });
  const done = await page.evaluate(() => (window as unknown as { __done: { label: string }[] }).__done);
  return done.sort((a, b) => a.label.localeCompare(b.label));
}

/** The same page in a browser without the extension: what the workers see there is what they must see with Deep capture on. */
async function nativeOutcomes(url: string): Promise<unknown[]> {
  const native = await launchChromium({ extension: false });
  try {
    await native.page.goto(url);
    await native.page.evaluate(() => (window as unknown as { __start(): void }).__start());
    return await workerOutcomes(native.page);
  } finally {
    await native.close();
  }
}
let baseline: unknown[];

beforeAll(async () => {
  server = await startFixtureServer();
  const url = serveWorkerPage(server);
  const outcomes = await nativeOutcomes(url);
  expect(outcomes.map((o) => (o as { code: number; reason: string }).code)).toEqual([4001, 4001, 4001, 4001]);
  baseline = outcomes;
  server.closes.length = 0;
  session = await launchChromium();
  await session.page.goto(url);
  panel = await session.openPanel();
});

saveArtifactsOnFailure(() => session);

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('Deep capture (workers) in Chromium', () => {
  it('is off until the user turns it on, and says why it shows the debugging bar', async () => {
    const button = await panel.waitForSelector('::-p-aria(Deep capture (workers)[role="button"])');
    expect(await button!.evaluate((el) => [el.getAttribute('aria-pressed'), el.getAttribute('title')])).toEqual([
      'false',
      expect.stringContaining('debugging this browser'),
    ]);
    await turnDeepCapture(true);
    await waitForPanel(panel, () => (document.querySelector('#deep-capture-status')?.textContent ?? '').includes('Deep capture is on'));
  });

  it('shows the sockets of a dedicated, a nested, a module and a shared worker with messages, sizes and close, unchanged for the page', async () => {
    await session.page.evaluate(() => (window as unknown as { __start(): void }).__start());
    await session.page.waitForFunction(() => (window as unknown as { __done: unknown[] }).__done.length === 4, {
      polling: 50,
      timeout: 20_000,
    });
    // The page saw its own clean closes, exactly as without the extension.
    const done = await workerOutcomes(session.page);
    expect(done).toEqual(baseline);
    expect(server.closes.filter((c) => c.code === 4001 && c.reason === 'bye')).toHaveLength(4);

    await waitForPanel(panel, () => document.querySelectorAll('section[aria-label=Connections] tbody tr').length === 4);
    await waitForPanel(panel, () =>
      [...document.querySelectorAll('section[aria-label=Connections] td.state')].every((td) => td.textContent === 'closed'),
    );
    const rows = await connectionRows();
    for (const label of LABELS) {
      const row = rows.find((cells) => cells[1].includes(`/echo?${label}`));
      expect(row, label).toBeDefined();
      const bytes = Buffer.byteLength(WORKER_TEXT(label)) + WORKER_BINARY.length;
      expect(row![1]).toContain(`(${KIND[label]} ${server.origin}/workers/${label}.js · observe only)`);
      expect(row![6]).toBe(`2 · ${bytes} B`);
      expect(row![7]).toBe(`2 · ${bytes} B`);
      expect(row![8]).toContain('closed (code and reason not reported by the debugger)');

      await filterConnection(panel, Number(row![0]));
      await waitForRowCount(panel, 7);
      const timeline = await readTimeline(panel);
      expect(timeline.map((r) => r.kind)).toEqual(['create', 'open', 'send', 'send', 'recv', 'recv', 'close']);
      expect(timeline[0].text).toContain(`${server.wsOrigin}/echo?${label}`);
      expect(timeline.map((r) => r.size).slice(2, 6)).toEqual([
        `${Buffer.byteLength(WORKER_TEXT(label))} B`,
        '4 B',
        `${Buffer.byteLength(WORKER_TEXT(label))} B`,
        '4 B',
      ]);
      expect([timeline[2].text, timeline[3].text, timeline[4].text, timeline[5].text]).toEqual([
        WORKER_TEXT(label),
        '01 02 03 ff',
        WORKER_TEXT(label),
        '01 02 03 ff',
      ]);
      expect(timeline[6].text).toContain('code and reason not reported by the debugger');
    }
    await filterConnection(panel, 'all');
  });

  it('says "observe only" where the actions cannot reach a worker socket', async () => {
    const dedicated = (await connectionRows()).find((cells) => cells[1].includes('/echo?dedicated'))!;
    await filterConnection(panel, Number(dedicated[0]));
    await openActions(panel);
    const note = await panel.$eval('.actions-note', (el) => el.textContent ?? '');
    expect(note).toContain(`Observe only: connection #${dedicated[0]} lives in a dedicated worker`);
    expect(await panel.$eval('::-p-aria(Send to server[role="button"])', (el) => (el as HTMLButtonElement).disabled)).toBe(true);
    await filterConnection(panel, 'all');
  });

  it('counts a worker that opens 1,000 sockets quickly exactly, across a navigation', async () => {
    const count = 1000;
    await session.page.goto(serveManySocketsPage(server, count));
    await session.page.evaluate(() => (window as unknown as { __start(): void }).__start());
    await session.page.waitForFunction(() => (window as unknown as { __done?: object }).__done !== undefined, {
      polling: 100,
      timeout: 60_000,
    });
    const seen = await session.page.evaluate(() => (window as unknown as { __done: Record<string, number> }).__done);
    expect(seen).toEqual({ opened: count, received: count, errors: 0, closed: count });
    // Every socket: create and close; each that opened: open and its send; each echo: a receive; each error event: an error row.
    const expected = count * 2 + seen.opened * 2 + seen.received + seen.errors;
    await panel.waitForFunction(
      (n) => /\/ (\d+) events/.exec(document.querySelector('[aria-label="Filtered count"]')?.textContent ?? '')?.[1] === String(n),
      { polling: 200, timeout: 60_000 },
      expected,
    );
    expect(await filteredCount(panel)).toEqual([expected, expected]);
    expect((await connectionRows()).length).toBe(count);
    expect(await panel.$eval('body', (b) => b.textContent ?? '')).not.toContain('missing from the sequence');
  });

  it('shows what the debugger reported for a worker terminated mid-stream, and leaves no socket silently open', async () => {
    await session.page.goto(serveTerminatedPage(server));
    await session.page.evaluate(() => (window as unknown as { __start(): void }).__start());
    await session.page.waitForFunction(() => (window as unknown as { __echoes: number }).__echoes >= 20, { polling: 20, timeout: 20_000 });
    await session.page.evaluate(() => (window as unknown as { __kill(): void }).__kill());
    await sleep(500);
    const sentToServer = server.received.filter((m) => m.data.toString().startsWith('tick ')).length;
    await waitForPanel(panel, () => document.querySelectorAll('section[aria-label=Connections] tbody tr').length === 1);
    await waitForPanel(panel, () => document.querySelector('section[aria-label=Connections] td.state')?.textContent === 'closed');
    const [row] = await connectionRows();
    const sent = Number(/^(\d+) ·/.exec(row[6])?.[1]);
    const received = Number(/^(\d+) ·/.exec(row[7])?.[1]);
    expect(sent).toBeGreaterThanOrEqual(sentToServer);
    expect(row[8]).toContain('code and reason not reported by the debugger');
    // Every event the debugger reported is a row: create, open, each message, and the close.
    await filterConnection(panel, Number(row[0]));
    expect((await filteredCount(panel))[0]).toBe(3 + sent + received);
    await filterConnection(panel, 'all');
  });

  it('shows the whole body of a worker message longer than its preview (the panel holds it)', async () => {
    await session.page.goto(serveLongMessagePage(server));
    await session.page.evaluate(() => (window as unknown as { __start(): void }).__start());
    await session.page.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true, { polling: 50, timeout: 20_000 });
    await waitForRowCount(panel, 5);
    await selectRow(panel, 'LLLL');
    await waitForPanel(panel, () =>
      (document.querySelector('section[aria-label="Message details"]')?.textContent ?? '').includes('END-OF-IT'),
    );
    const details = await panelText(panel, 'section[aria-label="Message details"]');
    expect(details).toContain(`${Buffer.byteLength(LONG_TEXT)} bytes, text`);
    expect(details).not.toContain('Showing the preview');
  });

  it('turning it off detaches the debugger and says so; closing DevTools detaches too', async () => {
    await turnDeepCapture(false);
    expect(await deepStatus()).toContain('Deep capture is off');
    // Whether SocketScope's debugger holds the tab: a second attach by the extension fails only then (DevTools and
    // puppeteer are attached too, so the targets' own "attached" flag cannot tell). A probe that succeeds detaches at once.
    const attached = async () => {
      const worker = await (await session.browser.waitForTarget((t) => t.type() === 'service_worker'))!.worker();
      return worker!.evaluate(async () => {
        const [tab] = await chrome.tabs.query({ url: 'http://127.0.0.1/*' });
        try {
          await chrome.debugger.attach({ tabId: tab.id }, '1.3');
        } catch {
          return true;
        }
        await chrome.debugger.detach({ tabId: tab.id });
        return false;
      });
    };
    expect(await attached()).toBe(false);
    await turnDeepCapture(true);
    expect(await attached()).toBe(true);
    await session.devtools!.close();
    const deadline = Date.now() + 10_000;
    while ((await attached()) && Date.now() < deadline) await sleep(100);
    expect(await attached()).toBe(false);
  });
});
