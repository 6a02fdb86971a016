/**
 * The Chromium half of `npm start`: Chromium with the extension and DevTools open on the demo, driven over a
 * pipe so that DevTools can be brought to our panel. SOCKETSCOPE_START_REMOTE_DEBUGGING=1 (for start.test.ts)
 * uses a port instead and prints its endpoint, so a test can check from outside what the user sees.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extensionIdFromKey, PANEL_TITLE, showPanel } from './devtools-panel.mjs';

const manifest = JSON.parse(readFileSync(new URL('../manifest.json', import.meta.url), 'utf8'));

export const chromiumStart = {
  name: 'Chromium',

  executable: () =>
    [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(
      (path) => path && existsSync(path),
    ),

  manualSteps: ({ url, dirs }) => [
    `Open ${url} in Chrome or Chromium with the extension loaded by hand:`,
    `  chrome://extensions → Developer mode → Load unpacked → ${dirs.chromeDir}`,
    'Then open DevTools (F12) on the demo and pick the "WebSockets" tab. Ctrl+C stops the server.',
  ],

  /** Starts Chromium on `url`; resolves to what `show` and `close` need. */
  async launch({ executable, url, dirs }) {
    const { default: puppeteer } = await import('puppeteer-core');
    const remote = process.env.SOCKETSCOPE_START_REMOTE_DEBUGGING === '1';
    const profile = mkdtempSync(join(tmpdir(), 'socketscope-start-'));
    const browser = await puppeteer.launch({
      executablePath: executable,
      headless: false,
      ignoreDefaultArgs: true,
      pipe: !remote,
      defaultViewport: null,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [
        `--user-data-dir=${profile}`,
        `--load-extension=${dirs.chromeDir}`,
        `--disable-extensions-except=${dirs.chromeDir}`,
        '--auto-open-devtools-for-tabs',
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-background-networking',
        '--disable-component-update',
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        url,
      ],
    });
    if (remote) console.log(`Remote debugging: ${browser.wsEndpoint()}`);
    return {
      browser,
      async close() {
        await browser.close().catch(() => undefined);
        rmSync(profile, { recursive: true, force: true });
      },
    };
  },

  async show({ browser }) {
    console.log('Chromium is open on the demo with DevTools. Ctrl+C stops everything.');
    try {
      await showPanel(browser, extensionIdFromKey(manifest.key));
      console.log(`DevTools shows the ${PANEL_TITLE} panel.`);
    } catch (error) {
      console.log(`Pick the "${PANEL_TITLE}" tab in DevTools (${error.message}).`);
    }
  },
};
