/**
 * One suite for both browsers: a test file runs its cases once per entry of BROWSERS
 * (`describe.each(BROWSERS)`) against a PanelHarness, which hides how each browser shows the panel:
 * Chromium's real DevTools panel (a frame of the DevTools window), or firefox-esr's panel page opened
 * in a tab next to the inspected page (`panel.html?tabId=N`, as docs/firefox.md explains). Launch it in
 * a `beforeAll` so that a file pays one browser start per browser.
 */
import type { Keyboard, Page } from 'puppeteer-core';
import { type ChromiumSession, type LaunchOptions, launchChromium } from './chromium';
import { type FirefoxSession, launchFirefox } from './firefox';
import type { PanelTarget } from './panel';
import { openPanelTab } from './targets';

export type BrowserName = 'Chromium' | 'Firefox';
export const BROWSERS: BrowserName[] = ['Chromium', 'Firefox'];

export interface HarnessOptions {
  /** Chromium: open DevTools with the page (default true). Firefox opens its panel page only in openPanel. */
  devtools?: boolean;
  /** Chromium launch options (DevTools preferences and the like). */
  chromium?: LaunchOptions;
  /** Firefox preferences set at launch. */
  firefoxPrefs?: Record<string, unknown>;
  /** Firefox: a folder that receives every download without a dialog. */
  downloads?: string;
}

export interface PanelHarness {
  browser: BrowserName;
  /** The inspected page. */
  page: Page;
  /** Opens the panel for the inspected page (Chromium: opens DevTools first when it is not open). */
  openPanel(): Promise<PanelTarget>;
  /** The panel as it is now (Chromium re-finds its frame: DevTools swaps frames while loading). */
  panel(): Promise<PanelTarget>;
  /** The panel page in a tab of its own for `target`, as a user opens it next to the panel of another tab. */
  panelTab(target: Page): Promise<Page>;
  /** The keyboard that types into the panel. */
  keyboard(): Keyboard;
  chromium?: ChromiumSession;
  firefox?: FirefoxSession;
  saveFailure(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function launchHarness(browser: BrowserName, options: HarnessOptions = {}): Promise<PanelHarness> {
  if (browser === 'Chromium') {
    const session = await launchChromium({ devtools: options.devtools, ...options.chromium });
    return {
      browser,
      page: session.page,
      async openPanel() {
        await session.openDevtools();
        return session.openPanel();
      },
      panel: () => session.panel(),
      panelTab: async (target) => (await openPanelTab(session.browser, session.extensionId, target)).tab,
      keyboard: () => {
        if (!session.devtools) throw new Error('DevTools is not open');
        return session.devtools.keyboard;
      },
      chromium: session,
      saveFailure: session.saveFailure,
      close: session.close,
    };
  }
  const session = await launchFirefox({ downloads: options.downloads, prefs: options.firefoxPrefs });
  let panel: Page | undefined;
  return {
    browser,
    page: session.page,
    async openPanel() {
      await panel?.close();
      panel = await session.openPanel();
      return panel;
    },
    async panel() {
      if (!panel) throw new Error('the panel page is not open');
      return panel;
    },
    panelTab: (target) => session.openPanel(target),
    keyboard: () => {
      if (!panel) throw new Error('the panel page is not open');
      return panel.keyboard;
    },
    firefox: session,
    saveFailure: session.saveFailure,
    close: session.close,
  };
}
