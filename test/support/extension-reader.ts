/**
 * Opens a capture reader for the page under test, in whichever extension page the session offers:
 * the real DevTools panel frame in Chromium when DevTools is open, otherwise the panel page opened
 * in its own tab (no `?tabId`, so its UI stays idle and only the reader talks to the background).
 */
import type { Page } from 'puppeteer-core';
import { attachCaptureReader, type CaptureReader } from './capture-reader';
import type { ChromiumSession } from './chromium';
import type { FirefoxSession } from './firefox';

const PANEL_PAGE = '/src/panel/panel.html';

/** In Chromium: through the real DevTools panel when DevTools is open, else through an extension tab. */
export async function chromiumReader(session: ChromiumSession, target: Page = session.page): Promise<CaptureReader> {
  if (session.devtools) {
    const panel = await session.openPanel();
    const tabId = await panel.evaluate(() => chrome.devtools.inspectedWindow.tabId);
    return attachCaptureReader(panel, tabId);
  }
  const tab = await session.browser.newPage();
  await tab.goto(`chrome-extension://${session.extensionId}${PANEL_PAGE}`);
  const url = target.url();
  const tabId = await tab.evaluate(async (url: string) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((t) => t.url === url)?.id ?? null;
  }, url);
  if (tabId === null) throw new Error(`no tab shows ${url}`);
  return closingTab(await attachCaptureReader(tab, tabId), tab);
}

/** The reader, whose close() also closes the tab it lives in. */
function closingTab(reader: CaptureReader, tab: Page): CaptureReader {
  return {
    ...reader,
    async close() {
      await reader.close();
      await tab.close().catch(() => undefined);
    },
  };
}

/** In Firefox: through the panel page opened in a tab with raw BiDi navigation. */
export async function firefoxReader(session: FirefoxSession, target: Page = session.page): Promise<CaptureReader> {
  const tab = await session.openExtensionPage(PANEL_PAGE);
  const tabId = await session.tabIdOf(target, tab);
  return closingTab(await attachCaptureReader(tab, tabId), tab);
}
