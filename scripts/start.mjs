/**
 * `npm start`: builds the extension and the demo, starts the demo chat server, and opens Chromium with
 * SocketScope loaded and DevTools open on the demo. Without a display or a browser it prints the URL
 * and how to load the extension by hand. Ctrl+C stops everything it started.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemoClient } from '../demo/build.mjs';
import { startDemoServer } from '../demo/server/index.mjs';
import { buildAll } from './build.mjs';
import { extensionIdFromKey, PANEL_TITLE, showPanel } from './devtools-panel.mjs';

const manifest = JSON.parse(readFileSync(new URL('../manifest.json', import.meta.url), 'utf8'));

const BROWSERS = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

async function listen() {
  const port = Number(process.env.PORT ?? 8080);
  try {
    return await startDemoServer({ port, log: (line) => console.log(`[demo] ${line}`) });
  } catch (error) {
    if (error?.code !== 'EADDRINUSE') throw error;
    console.log(`port ${port} is busy; using a free one`);
    return startDemoServer({ port: 0, log: (line) => console.log(`[demo] ${line}`) });
  }
}

console.log('Building SocketScope and the demo…');
const { chromeDir } = await buildAll({ quiet: true });
await buildDemoClient({ logLevel: 'warn' });
const server = await listen();
const url = `${server.httpUrl}/`;
console.log(`\nDemo chat: ${url}\nFlood page: ${server.httpUrl}/flood.html\n`);

const browser = BROWSERS.find((path) => path && existsSync(path));
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
let child = null;
let profile = null;
let stopping = false;

/**
 * Chromium with the extension and DevTools open on the demo, driven over a pipe so that DevTools can be
 * brought to our panel. SOCKETSCOPE_START_REMOTE_DEBUGGING=1 (for start.test.ts) uses a port instead and
 * prints its endpoint, so a test can check from outside what the user sees.
 */
async function openChromium(executablePath, extensionDir, userDataDir, startUrl) {
  const { default: puppeteer } = await import('puppeteer-core');
  const remote = process.env.SOCKETSCOPE_START_REMOTE_DEBUGGING === '1';
  const instance = await puppeteer.launch({
    executablePath,
    headless: false,
    ignoreDefaultArgs: true,
    pipe: !remote,
    defaultViewport: null,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      `--user-data-dir=${userDataDir}`,
      `--load-extension=${extensionDir}`,
      `--disable-extensions-except=${extensionDir}`,
      '--auto-open-devtools-for-tabs',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      startUrl,
    ],
  });
  if (remote) console.log(`Remote debugging: ${instance.wsEndpoint()}`);
  return instance;
}

const stop = async () => {
  if (stopping) return;
  stopping = true;
  await child?.close().catch(() => undefined);
  await server.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  console.log('stopped');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

if (browser && hasDisplay) {
  profile = mkdtempSync(join(tmpdir(), 'socketscope-start-'));
  child = await openChromium(browser, chromeDir, profile, url);
  console.log('Chromium is open on the demo with DevTools. Ctrl+C stops everything.');
  child.on('disconnected', () => {
    if (stopping) return;
    child = null;
    console.log('Chromium closed; the demo server keeps running until Ctrl+C.');
  });
  try {
    await showPanel(child, extensionIdFromKey(manifest.key));
    console.log(`DevTools shows the ${PANEL_TITLE} panel.`);
  } catch (error) {
    console.log(`Pick the "${PANEL_TITLE}" tab in DevTools (${error.message}).`);
  }
} else {
  console.log(browser ? 'No display found, so no browser was opened.' : 'No Chromium found, so no browser was opened.');
  console.log(`Open ${url} in Chrome or Chromium with the extension loaded by hand:`);
  console.log(`  chrome://extensions → Developer mode → Load unpacked → ${chromeDir}`);
  console.log('Then open DevTools (F12) on the demo and pick the "WebSockets" tab. Ctrl+C stops the server.');
}
