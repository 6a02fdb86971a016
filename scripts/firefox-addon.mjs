/**
 * Launches Firefox through puppeteer-core over WebDriver BiDi (there is no geckodriver) with the built add-on
 * installed as a temporary add-on, as about:debugging's "Load Temporary Add-on…" does. Shared by
 * `npm run start:firefox` and the browser tests.
 *
 * The add-on's moz-extension uuid is chosen here and pinned with the `extensions.webextensions.uuids` pref
 * (keyed by the manifest's gecko id), so the caller knows the extension's origin before it installs. The pref
 * must be set at launch. `--remote-allow-system-access` lets BiDi run chrome-scope scripts
 * (./firefox-chrome-scope.mjs), which is how the toolbox is opened on the WebSockets panel.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import puppeteer from 'puppeteer-core';

/**
 * @param {{ executablePath: string, addonDir: string | null, headless?: boolean, prefs?: Record<string, unknown>,
 *   launchOptions?: import('puppeteer-core').LaunchOptions }} options `addonDir` null launches Firefox without it.
 */
export async function launchFirefoxWithAddon({ executablePath, addonDir, headless = true, prefs = {}, launchOptions = {} }) {
  const uuid = addonDir ? randomUUID() : null;
  const geckoId = addonDir ? JSON.parse(await readFile(`${addonDir}/manifest.json`, 'utf8')).browser_specific_settings.gecko.id : null;
  const browser = await puppeteer.launch({
    ...launchOptions,
    browser: 'firefox',
    executablePath,
    headless,
    args: ['--remote-allow-system-access', ...(launchOptions.args ?? [])],
    extraPrefsFirefox: {
      ...(uuid ? { 'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }) } : {}),
      ...prefs,
    },
  });
  try {
    if (addonDir) await browser.installExtension(addonDir);
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  }
  return { browser, uuid, extensionOrigin: uuid ? `moz-extension://${uuid}` : null };
}
