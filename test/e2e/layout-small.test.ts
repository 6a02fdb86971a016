/**
 * The panel at 600 × 400 CSS px with traffic and the Actions drawer open: the timeline keeps at least
 * half of the panel, every main control can be reached (the drawer's by scrolling inside it), and the
 * drawer's splitter stops where the timeline's half begins. Then, in a taller panel (at 600 × 400 the
 * drawer may have no room left to resize in: Firefox's toolbar wraps to three lines there), the
 * splitter resizes the drawer from the keyboard, a short panel shows that choice within its room
 * without forgetting it, and the choice survives reopening the panel (a reload in Chromium, a new
 * panel page in Firefox).
 * A screenshot of each browser's 600 × 400 layout is kept in test-results/layout-small/.
 *
 * Chromium drives the real DevTools window, undocked, whose page viewport is set so that the panel
 * frame is exactly the size wanted (the undocked window is no browser window to CDP's
 * Browser.setWindowBounds). Firefox shows the panel page in a tab with that viewport: its real
 * toolbox is only reachable through fragile chrome-scope scripting (firefox-devtools.test.ts), which
 * offers no way to size it.
 */
import { mkdir } from 'node:fs/promises';
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamPage } from '../fixtures/pages';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { type ChromiumSession, launchChromium, sleep } from '../support/chromium';
import { type FirefoxSession, launchFirefox } from '../support/firefox';
import { type PanelLayout, reachControls, readLayout } from '../support/layout';
import { openActions } from '../support/panel';
import { ARTIFACTS } from '../support/paths';
import { type FixtureServer, startFixtureServer } from '../support/servers';

const WIDTH = 600;
const SHORT = 400;
/** Tall enough for the drawer to be resized both ways at its default height. */
const TALL = 640;
const MESSAGES = 30;
const SHOTS = `${ARTIFACTS}/layout-small`;
/** What one arrow key press moves the splitter by (Splitter.tsx). */
const KEY_STEP = 10;

let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer();
  server.page('/stream.html', streamPage(server.wsOrigin, MESSAGES, 5));
  await mkdir(SHOTS, { recursive: true });
});

afterAll(async () => {
  await server?.close();
});

const hasTraffic = () => document.querySelectorAll('[role=listbox][aria-label=Messages] [role=option]').length > 5;

/**
 * Waits for a layout that meets `done` and holds still over two reads: the panel measures its room
 * a frame after a resize, so the first layout at a new size can still show the old room.
 */
async function waitForLayout(panel: Frame | Page, done: (layout: PanelLayout) => boolean, what: string): Promise<PanelLayout> {
  const deadline = Date.now() + 10_000;
  let previous = '';
  for (;;) {
    const layout = await readLayout(panel);
    const now = JSON.stringify(layout);
    if (done(layout) && now === previous) return layout;
    if (Date.now() > deadline) throw new Error(`${what}: ${now}`);
    previous = now;
    await sleep(100);
  }
}

/** The rules of a panel with the drawer open, whatever its size. */
function expectFits(layout: PanelLayout) {
  expect(layout.drawerOpen).toBe(true);
  expect(layout.pageScrolls).toBe(false);
  expect(layout.timeline).toBeGreaterThanOrEqual(layout.height / 2);
  expect(layout.splitter).not.toBeNull();
  const splitter = layout.splitter!;
  expect(splitter.name).toBe('Resize actions');
  // What the splitter announces is the drawer's real height, within limits it can reach.
  expect(Math.abs(splitter.now - layout.drawer)).toBeLessThanOrEqual(1);
  expect(splitter.min).toBeGreaterThan(0);
  expect(splitter.min).toBeLessThanOrEqual(splitter.now);
  expect(splitter.now).toBeLessThanOrEqual(splitter.max);
}

async function expectControlsReachable(panel: Frame | Page) {
  const toolbar = await reachControls(panel, '[role=toolbar][aria-label="Capture and filters"]');
  const tabs = await reachControls(panel, '[role=tablist][aria-label=Overview]');
  const drawer = await reachControls(panel, 'section[aria-label=Actions]');
  const splitters = await reachControls(panel, '.app', '[role=separator]');
  expect(toolbar.unreachable).toEqual([]);
  expect(toolbar.checked).toBeGreaterThanOrEqual(10); // pause, clear, filter, flags, direction, export...
  expect(tabs.unreachable).toEqual([]);
  expect(tabs.checked).toBe(4); // Connections, Stats, Chart, Rules
  expect(drawer.unreachable).toEqual([]);
  expect(drawer.checked).toBeGreaterThanOrEqual(10); // the toggle, Act on, and each group's controls
  expect(splitters.unreachable).toEqual([]);
  expect(splitters.checked).toBe(3); // connections, actions, details
}

async function focusSplitter(panel: Frame | Page): Promise<ElementHandle<Element>> {
  const separator = (await panel.waitForSelector('::-p-aria(Resize actions[role="separator"])')) as ElementHandle<Element>;
  await separator.focus();
  return separator;
}

/**
 * At its limit the splitter goes no further, so the timeline keeps its half. Returns the limit, which
 * the last key press also made the user's choice.
 */
async function expectStopsAtLimit(panel: Frame | Page): Promise<number> {
  const separator = await focusSplitter(panel);
  for (let i = 0; i < 5; i++) await separator.press('ArrowDown');
  const layout = await waitForLayout(panel, (l) => l.splitter?.now === l.splitter?.max, 'ArrowDown up to the limit');
  expectFits(layout);
  return layout.splitter!.now;
}

/**
 * In a tall panel the drawer shows the height chosen in the short one, and the keyboard resizes it
 * from there; a short panel again shows that choice within its room, and the tall one shows it again
 * (the choice is kept, not overwritten by the short panel's limit). Returns the height chosen.
 */
async function resizeWithKeyboard(panel: Frame | Page, shortLimit: number, setHeight: (height: number) => Promise<void>): Promise<number> {
  await setHeight(TALL);
  const before = await waitForLayout(panel, (l) => l.height === TALL && l.splitter !== null, `the panel ${TALL} px high`);
  expectFits(before);
  // The short panel's limit, unless that is below the drawer's least height, which a tall panel can give.
  const start = Math.max(shortLimit, before.splitter!.min);
  expect(before.splitter!.now).toBe(start);
  const chosen = start + 2 * KEY_STEP;
  // The drawer has room to grow past the choice, so each key press below is a real resize.
  expect(chosen + KEY_STEP).toBeLessThanOrEqual(before.splitter!.max);
  const separator = await focusSplitter(panel);
  for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowUp'] as const) await separator.press(key);
  expectFits(await waitForLayout(panel, (l) => l.splitter?.now === chosen, 'Down, Down, Down, Up'));

  await setHeight(SHORT);
  expectFits(await waitForLayout(panel, (l) => l.height === SHORT && l.splitter?.now === shortLimit, `back to ${SHORT} px`));
  await setHeight(TALL);
  expectFits(await waitForLayout(panel, (l) => l.height === TALL && l.splitter?.now === chosen, 'the choice in a tall panel again'));
  return chosen;
}

describe(`Chromium DevTools panel ${WIDTH} × ${SHORT}`, () => {
  let session: ChromiumSession;
  saveArtifactsOnFailure(() => session);
  afterAll(async () => {
    await session?.close();
  });

  /** Sizes the DevTools page so that the panel frame in it is WIDTH × height (DevTools' tab strip is above it). */
  async function sizePanel(height: number): Promise<void> {
    const devtools = session.devtools!;
    const panel = await session.panel();
    const inner = () => panel.evaluate(() => [window.innerWidth, window.innerHeight]);
    const [width, tall] = await inner();
    const outer = devtools.viewport() ?? (await devtools.evaluate(() => ({ width: window.innerWidth, height: window.innerHeight })));
    await devtools.setViewport({ width: outer.width + WIDTH - width, height: outer.height + height - tall });
    await panel.waitForFunction(
      (w, h) => window.innerWidth === w && window.innerHeight === h,
      { polling: 50, timeout: 10_000 },
      WIDTH,
      height,
    );
  }

  /** Reloads the panel frame and returns the new one (the old one answers until it is replaced). */
  async function reloadPanel(old: Frame): Promise<Frame> {
    await old.evaluate(() => {
      (window as unknown as { __beforeReload: boolean }).__beforeReload = true;
      location.reload();
    });
    const deadline = Date.now() + 20_000;
    for (;;) {
      const panel = await session.panel();
      const fresh = await panel.evaluate(() => !('__beforeReload' in window)).catch(() => false);
      if (fresh) return panel;
      if (Date.now() > deadline) throw new Error('the panel did not reload');
      await sleep(100);
    }
  }

  it('keeps the timeline half the panel and every control in reach, and remembers a keyboard resize', async () => {
    session = await launchChromium({ devtoolsPreferences: { currentDockState: 'undocked' } });
    await session.page.goto(`${server.origin}/stream.html`);
    await session.page.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true, { polling: 50 });
    const devtools = session.devtools!;
    let panel = await session.openPanel();
    await sizePanel(SHORT);
    await panel.waitForFunction(hasTraffic, { polling: 50, timeout: 20_000 });
    expect((await readLayout(panel)).drawerOpen).toBe(false); // a first session starts with it closed

    await openActions(panel);
    const open = await waitForLayout(panel, (l) => l.splitter !== null, 'the drawer opened');
    expect([open.width, open.height]).toEqual([WIDTH, SHORT]);
    expectFits(open);
    await devtools.screenshot({ path: `${SHOTS}/chromium-${WIDTH}x${SHORT}.png` });
    await expectControlsReachable(panel);
    const limit = await expectStopsAtLimit(panel);

    const chosen = await resizeWithKeyboard(panel, limit, sizePanel);
    panel = await reloadPanel(panel);
    expectFits(await waitForLayout(panel, (l) => l.drawerOpen && l.splitter?.now === chosen, 'the height after a reload'));
  });
});

describe(`Firefox panel page ${WIDTH} × ${SHORT}`, () => {
  let session: FirefoxSession;
  saveArtifactsOnFailure(() => session);
  afterAll(async () => {
    await session?.close();
  });

  async function openPanelPage(tabId: number, height: number): Promise<Page> {
    const panel = await session.openExtensionPage(`/src/panel/panel.html?tabId=${tabId}`);
    await panel.setViewport({ width: WIDTH, height });
    await panel.waitForFunction(hasTraffic, { polling: 100, timeout: 20_000 });
    return panel;
  }

  it('keeps the timeline half the panel and every control in reach, and remembers a keyboard resize', async () => {
    session = await launchFirefox();
    await session.page.goto(`${server.origin}/stream.html`);
    await session.page.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true, { polling: 50 });
    const probe = await session.openExtensionPage('/src/panel/panel.html?tabId=0');
    const tabId = await session.tabIdOf(session.page, probe);
    await probe.close();
    const panel = await openPanelPage(tabId, SHORT);
    expect((await readLayout(panel)).drawerOpen).toBe(false);

    await openActions(panel);
    const open = await waitForLayout(panel, (l) => l.splitter !== null, 'the drawer opened');
    expect([open.width, open.height]).toEqual([WIDTH, SHORT]);
    expectFits(open);
    await panel.screenshot({ path: `${SHOTS}/firefox-${WIDTH}x${SHORT}.png` });
    await expectControlsReachable(panel);
    const limit = await expectStopsAtLimit(panel);

    const chosen = await resizeWithKeyboard(panel, limit, (height) => panel.setViewport({ width: WIDTH, height }));
    await panel.close();
    // A new panel page is a new session of the panel: it reads the drawer's state from storage.
    const reopened = await openPanelPage(tabId, TALL);
    expectFits(await waitForLayout(reopened, (l) => l.drawerOpen && l.splitter?.now === chosen, 'the height in a new panel'));
  });
});
