/**
 * The Firefox half of `npm start` (`npm run start:firefox`): firefox-esr with dist/firefox loaded as a temporary
 * add-on, the demo in its first tab and the toolbox open on the WebSockets panel, reached as the Firefox tests
 * reach it (scripts/firefox-addon.mjs, scripts/firefox-toolbox.mjs).
 *
 * Firefox is driven over WebDriver BiDi on a 127.0.0.1 port, and `--remote-allow-system-access` opens chrome
 * scope to that connection. Firefox accepts one BiDi session at a time ("Maximum number of active sessions"),
 * and this script keeps its session until Ctrl+C, so no other local process can take the browser over.
 */
import { existsSync } from 'node:fs';
import { PANEL_TITLE } from './devtools-panel.mjs';
import { launchFirefoxWithAddon } from './firefox-addon.mjs';
import { inToolboxPanel, openToolboxPanel } from './firefox-toolbox.mjs';

/** () → the text of the panel's Connections list, or null (run in the panel's process). */
const READ_CONNECTIONS = `() => {
  const list = content.document.querySelector('section[aria-label=Connections]');
  return list ? list.textContent : null;
}`;

/** Resolves once the panel lists a connection to `socketUrl`, or throws after `timeoutMs`. */
async function waitForConnection(browser, pageUrl, toolId, socketUrl, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!String(await inToolboxPanel(browser, pageUrl, toolId, READ_CONNECTIONS)).includes(socketUrl)) {
    if (Date.now() > deadline) throw new Error(`the panel did not list ${socketUrl}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export const firefoxStart = {
  name: 'Firefox',

  executable: () => [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].find((path) => path && existsSync(path)),

  manualSteps: ({ url, dirs }) => [
    `Open ${url} in Firefox with the add-on loaded by hand:`,
    `  about:debugging#/runtime/this-firefox → Load Temporary Add-on… → ${dirs.firefoxDir}/manifest.json`,
    'Then open DevTools (F12) on the demo and pick the "WebSockets" tab. Ctrl+C stops the server.',
  ],

  /** Starts Firefox with the add-on (puppeteer gives it a fresh profile, removed again by close). */
  async launch({ executable, dirs }) {
    const { browser } = await launchFirefoxWithAddon({
      executablePath: executable,
      addonDir: dirs.firefoxDir,
      headless: false,
      // Ctrl+C is ours to handle: the demo server and Firefox stop together.
      launchOptions: { defaultViewport: null, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false },
    });
    return {
      browser,
      async close() {
        await browser.close().catch(() => undefined);
      },
    };
  },

  /** Loads the demo (after the add-on, so its content scripts run from the first socket) and opens the panel. */
  async show({ browser, url, socketUrl }) {
    const [page] = await browser.pages();
    await page.goto(url);
    console.log('Firefox is open on the demo with SocketScope as a temporary add-on. Ctrl+C stops everything.');
    try {
      const { toolId } = await openToolboxPanel(browser, url, PANEL_TITLE);
      console.log(`The toolbox shows the ${PANEL_TITLE} panel.`);
      await waitForConnection(browser, url, toolId, socketUrl);
      console.log(`The ${PANEL_TITLE} panel captures the demo's socket ${socketUrl}.`);
    } catch (error) {
      console.log(`Open DevTools (F12) and pick the "${PANEL_TITLE}" tab (${error.message}).`);
    }
  },
};
