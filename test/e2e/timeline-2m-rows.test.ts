/**
 * Past the browsers' element-height cap: an imported capture of 2,000,001 rows (indices 0 to 2,000,000),
 * in the real Chromium DevTools panel and in firefox-esr's panel page. Row 2,000,000 is reached by the keyboard (End) and by dragging
 * the timeline's scrollbar to the bottom, and both show that row inside the view. Scrolling by small and large steps
 * moves no row element (each is patched in place, VirtualList.tsx), and every row says its place in the whole list.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Mouse, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { type ChromiumSession, launchChromium } from '../support/chromium';
import { type FirefoxSession, launchFirefox } from '../support/firefox';
import { type FixtureServer, startFixtureServer } from '../support/servers';
import { rowInView as timelineRowInView } from '../support/timeline';

const ROWS = 2_000_001;
const LAST = ROWS - 1;

let server: FixtureServer;
let folder: string;
let file: string;
let panel: Frame | Page;

/** What a browser's case needs: its panel, the mouse that reaches it, and how to close it. */
interface Opened {
  panel: Frame | Page;
  mouse: Mouse;
  close(): Promise<void>;
}

let chromium: ChromiumSession | undefined;
let firefox: FirefoxSession | undefined;

async function openChromium(): Promise<Opened> {
  chromium = await launchChromium();
  await chromium.page.goto(server.page('/blank.html', '<!doctype html><title>blank</title>'));
  const frame = await chromium.openPanel();
  const session = chromium;
  return { panel: frame, mouse: session.devtools!.mouse, close: () => session.close() };
}

async function openFirefox(): Promise<Opened> {
  firefox = await launchFirefox();
  await firefox.page.goto(server.page('/blank.html', '<!doctype html><title>blank</title>'));
  const probe = await firefox.openExtensionPage('/src/panel/panel.html?tabId=0');
  const tabId = await firefox.tabIdOf(firefox.page, probe);
  await probe.close();
  const page = await firefox.openExtensionPage(`/src/panel/panel.html?tabId=${tabId}`);
  const session = firefox;
  return { panel: page, mouse: page.mouse, close: () => session.close() };
}

/**
 * The seed's log format (`LoggedWebSocket.exportLogs()`): one OPEN, then messages. The import adds a
 * `create` row, so row i (from 2 on) is the message whose text is "row i".
 */
async function writeLog(path: string): Promise<void> {
  const out = createWriteStream(path);
  const t0 = Date.UTC(2026, 0, 1);
  const line = (i: number, type: string, data: string) =>
    `${i === 0 ? '[' : ','}{"timestamp":"${new Date(t0 + i).toISOString()}","type":"${type}","data":"${data}"}\n`;
  let chunk = line(0, 'OPEN', 'open');
  for (let row = 2; row < ROWS; row++) {
    chunk += line(row, row % 2 ? 'RECEIVE' : 'SEND', `row ${row}`);
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = '';
    }
  }
  out.end(`${chunk}]`);
  await new Promise<void>((resolve) => out.once('finish', () => resolve()));
}

/** Waits until `predicate(arg)`, run in the panel, holds. */
const waitFor = (predicate: (arg: string) => boolean, arg: string | number, timeout = 20_000) =>
  panel.waitForFunction(predicate, { polling: 50, timeout }, String(arg));

/** The rendered row at `index`, its text, and whether it lies wholly inside the list's view. */
const rowInView = (index: number) => timelineRowInView(panel, index);

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'socketscope-2m-'));
  file = join(folder, 'two-million.json');
  await writeLog(file);
  server = await startFixtureServer();
}, 120_000);

afterAll(async () => {
  await server?.close();
  await rm(folder, { recursive: true, force: true });
});

saveArtifactsOnFailure(() => chromium ?? firefox);

async function importTwoMillion() {
  const input = await panel.waitForSelector('input[aria-label="Import log file"]');
  await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(file);
  await panel.waitForSelector('::-p-aria(Back to live capture[role="button"])', { timeout: 240_000 });
  await waitFor(
    (total) => (document.querySelector('[aria-label="Filtered count"]')?.textContent ?? '').startsWith(`${total} / ${total} events`),
    ROWS,
    60_000,
  );
}

describe.each([
  ['Chromium', openChromium],
  ['Firefox', openFirefox],
])('%s: a timeline of 2,000,001 rows', (_browser, open) => {
  let opened: Opened;
  beforeAll(async () => {
    opened = await open();
    panel = opened.panel;
    await importTwoMillion();
  }, 300_000);
  afterAll(async () => {
    await opened?.close();
    chromium = undefined;
    firefox = undefined;
  });

  it('reaches row 2,000,000 with End', async () => {
    const list = (await panel.$('[role=listbox][aria-label=Messages]'))!;
    await list.focus();
    await list.press('Home');
    const active = (id: string) =>
      document.querySelector('[role=listbox][aria-label=Messages]')?.getAttribute('aria-activedescendant') === id;
    await waitFor(active, 'row-0');
    await list.press('End');
    await waitFor(active, `row-${LAST}`);
    // The selection moves at once; the rows follow the scroll event, a frame later.
    await waitFor((last) => document.querySelector(`[role=listbox][aria-label=Messages] .vrow[data-index="${last}"]`) !== null, LAST);
    const row = await rowInView(LAST);
    expect(row).toEqual({ text: expect.stringContaining(`row ${LAST}`), inView: true });
    // Assistive technology hears where the row is in the whole list, not among the few rendered.
    const place = await panel.$eval(`#row-${LAST}`, (el) => [el.getAttribute('aria-posinset'), el.getAttribute('aria-setsize')]);
    expect(place).toEqual([String(ROWS), String(ROWS)]);
    await waitFor(
      (text) => (document.querySelector('section[aria-label="Message details"]')?.textContent ?? '').includes(text),
      `row ${LAST}`,
    );
  });

  it('scrolls by steps of 20 to 1,200 px without moving a row element, each row showing its own message', async () => {
    const moved = await panel.evaluate(async () => {
      const list = document.querySelector<HTMLElement>('[role=listbox][aria-label=Messages]')!;
      const spacer = list.firstElementChild!;
      const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      list.scrollTop = 1000 * 20;
      await frame();
      let moves = 0;
      const observer = new MutationObserver((records) => {
        moves += records.length;
      });
      observer.observe(spacer, { childList: true });
      const wrong: string[] = [];
      for (const rows of [1, 2, 3, 5, 20, 35, 60, -2, -20]) {
        list.scrollTop += rows * 20;
        await frame();
        for (const option of list.querySelectorAll('[role=option]')) {
          const index = Number(option.getAttribute('aria-posinset')) - 1;
          // Rows 0 and 1 are the import's create and open; row i from 2 on is the message "row i".
          if (index >= 2 && !(option.textContent ?? '').includes(`row ${index}`)) wrong.push(`${index}: ${option.textContent}`);
        }
      }
      observer.disconnect();
      return { moves, wrong };
    });
    expect(moved).toEqual({ moves: 0, wrong: [] });
  });

  it('reaches row 2,000,000 by dragging the scrollbar to the bottom', async () => {
    const list = (await panel.$('[role=listbox][aria-label=Messages]'))!;
    await list.press('Home');
    await waitFor((first) => document.querySelector(`[role=listbox][aria-label=Messages] .vrow[data-index="${first}"]`) !== null, 0);
    expect(await rowInView(LAST)).toBeNull();
    const box = (await list.boundingBox())!;
    // The scrollbar runs down the list's right edge, under an arrow button as tall as the bar is wide;
    // the thumb starts right below that arrow.
    const bar = await list.evaluate((el) => (el as HTMLElement).offsetWidth - (el as HTMLElement).clientWidth);
    expect(bar).toBeGreaterThan(0);
    const x = box.x + box.width - bar / 2;
    await opened.mouse.move(x, box.y + bar + 3);
    await opened.mouse.down();
    await opened.mouse.move(x, box.y + box.height / 2, { steps: 5 });
    // Past the track's end (the pointer must stay inside the window, or the moves are not delivered).
    await opened.mouse.move(x, box.y + box.height + 10, { steps: 5 });
    await opened.mouse.up();
    await waitFor(
      (last) => document.querySelector(`[role=listbox][aria-label=Messages] .vrow[data-index="${last}"]`) !== null,
      LAST,
      10_000,
    ).catch(async (error) => {
      // Once in about a dozen CI runs the last row did not come (the screenshot showed rows about 1,000 short of it):
      // where the drag left the scroll position says whether the browser or the list fell short.
      const where = await list.evaluate((el) => ({
        scrollTop: el.scrollTop,
        scrollHeight: el.scrollHeight,
        clientHeight: el.clientHeight,
      }));
      throw new Error(`${error}; the list after the drag: ${JSON.stringify(where)}, its box ${JSON.stringify(box)}, scrollbar ${bar} px`);
    });
    const row = await rowInView(LAST);
    expect(row).toEqual({ text: expect.stringContaining(`row ${LAST}`), inView: true });
  });
});
