/**
 * For files whose cases each load one fixture page in Chromium or in Firefox and open the panel on it:
 * serves the page, waits for it to set `window.__done`, opens the panel (the real DevTools panel in
 * Chromium, the panel page in a tab in Firefox), and closes everything after each case.
 */
import type { Frame, Page } from 'puppeteer-core';
import { afterEach } from 'vitest';
import { saveArtifactsOnFailure } from './artifacts';
import { type ChromiumSession, launchChromium } from './chromium';
import { type FirefoxSession, launchFirefox } from './firefox';
import { type FixtureServer, startFixtureServer } from './servers';

export type Browser = 'Chromium' | 'Firefox';

/** Call at the top of a test file; returns the function that opens a page and its panel. */
export function pageAndPanel(): (browser: Browser, path: string, html: (wsOrigin: string) => string) => Promise<Frame | Page> {
  let server: FixtureServer | undefined;
  let chromium: ChromiumSession | undefined;
  let firefox: FirefoxSession | undefined;

  saveArtifactsOnFailure(() => chromium ?? firefox);

  afterEach(async () => {
    await chromium?.close();
    await firefox?.close();
    await server?.close();
    chromium = undefined;
    firefox = undefined;
    server = undefined;
  });

  return async (browser, path, html) => {
    server = await startFixtureServer();
    const url = server.page(path, html(server.wsOrigin));
    if (browser === 'Chromium') chromium = await launchChromium();
    else firefox = await launchFirefox();
    const page = (chromium ?? firefox)!.page;
    await page.goto(url);
    await page.waitForFunction(() => (window as { __done?: boolean }).__done === true, { polling: 50, timeout: 20_000 });
    return chromium ? chromium.openPanel() : firefox!.openPanel();
  };
}
