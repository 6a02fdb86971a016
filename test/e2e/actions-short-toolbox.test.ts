/**
 * A short DevTools (250 px high, as Firefox's toolbox opens by default) with the Actions drawer open:
 * the timeline keeps at least three whole rows in view, and the drawer's controls scroll inside it.
 * Chromium drives the real DevTools window, undocked and resized through CDP; Firefox shows the
 * panel page in a tab whose viewport is 250 px high.
 */
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamPage } from '../fixtures/pages';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { type ChromiumSession, launchChromium } from '../support/chromium';
import { type FirefoxSession, launchFirefox } from '../support/firefox';
import { openActions, visibleTimelineRows, waitForPanel } from '../support/panel';
import { type FixtureServer, startFixtureServer } from '../support/servers';

const DEVTOOLS_HEIGHT = 250;
const MESSAGES = 30;

let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer();
  server.page('/stream.html', streamPage(server.wsOrigin, MESSAGES, 5));
});

afterAll(async () => {
  await server?.close();
});

/** What the user sees with the drawer open: the drawer's state and size, and whole timeline rows. */
async function layout(panel: Frame | Page) {
  const boxes = await panel.evaluate(() => {
    const height = (selector: string) => document.querySelector(selector)?.getBoundingClientRect().height ?? 0;
    const body = document.querySelector('.actions-body');
    return {
      viewport: window.innerHeight,
      drawer: height('section[aria-label=Actions]'),
      timeline: height('[role=listbox][aria-label=Messages]'),
      drawerScrolls: body !== null && body.scrollHeight > body.clientHeight,
      open: document.querySelector('.actions-toggle')?.getAttribute('aria-expanded') === 'true',
    };
  });
  return { ...boxes, rows: await visibleTimelineRows(panel) };
}

describe('Chromium DevTools 250 px high', () => {
  let session: ChromiumSession;
  saveArtifactsOnFailure(() => session);
  afterAll(async () => {
    await session?.close();
  });

  it('keeps three timeline rows in view with the Actions drawer open', async () => {
    session = await launchChromium({ devtoolsPreferences: { currentDockState: 'undocked' } });
    await session.page.goto(`${server.origin}/stream.html`);
    await session.page.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true, { polling: 50 });
    const devtools = session.devtools!;
    // The undocked DevTools window is not a browser window to CDP (Browser.getWindowForTarget: "Browser
    // window not found"), so the DevTools page's own viewport is set: its UI, and the panel frame in
    // it, lay out to that height as they would in a window that size.
    await devtools.setViewport({ width: 1200, height: DEVTOOLS_HEIGHT });
    const panel = await session.openPanel();
    await waitForPanel(panel, () => document.querySelectorAll('[role=listbox][aria-label=Messages] [role=option]').length > 5);
    const devtoolsHeight = await devtools.evaluate(() => window.innerHeight);
    expect(devtoolsHeight).toBeLessThanOrEqual(DEVTOOLS_HEIGHT);
    expect(devtoolsHeight).toBeGreaterThan(DEVTOOLS_HEIGHT - 40);
    const closed = await layout(panel);
    expect(closed.open).toBe(false); // a first session starts with the drawer closed
    await openActions(panel);
    const open = await layout(panel);
    // The panel is DevTools' height less its tab strip.
    expect(open.viewport).toBeGreaterThan(DEVTOOLS_HEIGHT - 60);
    expect(open.viewport).toBeLessThan(DEVTOOLS_HEIGHT);
    expect(open.open).toBe(true);
    expect(open.drawerScrolls).toBe(true);
    expect(open.rows).toBeGreaterThanOrEqual(3);
  });
});

describe('Firefox panel 250 px high', () => {
  let session: FirefoxSession;
  saveArtifactsOnFailure(() => session);
  afterAll(async () => {
    await session?.close();
  });

  it('keeps three timeline rows in view with the Actions drawer open', async () => {
    session = await launchFirefox();
    await session.page.goto(`${server.origin}/stream.html`);
    await session.page.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true, { polling: 50 });
    const probe = await session.openExtensionPage('/src/panel/panel.html?tabId=0');
    const tabId = await session.tabIdOf(session.page, probe);
    await probe.close();
    const panel = await session.openExtensionPage(`/src/panel/panel.html?tabId=${tabId}`);
    await panel.setViewport({ width: 1000, height: DEVTOOLS_HEIGHT });
    await panel.waitForFunction(() => document.querySelectorAll('[role=listbox][aria-label=Messages] [role=option]').length > 5, {
      polling: 100,
      timeout: 20_000,
    });
    expect((await layout(panel)).open).toBe(false);
    await openActions(panel);
    const open = await layout(panel);
    expect(open.viewport).toBe(DEVTOOLS_HEIGHT);
    expect(open.open).toBe(true);
    expect(open.drawerScrolls).toBe(true);
    expect(open.rows).toBeGreaterThanOrEqual(3);
  });
});
