/**
 * `npm start` and `npm run start:firefox` (or `npm start -- --firefox`): builds the extension and the demo,
 * starts the demo chat server, and opens Chromium (or firefox-esr) with SocketScope loaded and DevTools on the
 * WebSockets panel of the demo. Without a display or a browser it prints the URL and how to load the extension
 * by hand. Ctrl+C stops everything it started.
 */
import { buildDemoClient } from '../demo/build.mjs';
import { startDemoServer } from '../demo/server/index.mjs';
import { buildAll } from './build.mjs';
import { chromiumStart } from './start-chromium.mjs';
import { firefoxStart } from './start-firefox.mjs';

const target = process.argv.includes('--firefox') ? firefoxStart : chromiumStart;

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
const dirs = await buildAll({ quiet: true });
await buildDemoClient({ logLevel: 'warn' });
const server = await listen();
const url = `${server.httpUrl}/`;
console.log(`\nDemo chat: ${url}\nFlood page: ${server.httpUrl}/flood.html\n`);

const executable = target.executable();
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
/** The browser being launched or running; awaited on Ctrl+C, so that one still starting is closed too. */
let launching = null;
let stopping = false;

const stop = async () => {
  if (stopping) return;
  stopping = true;
  const launched = await launching?.catch(() => null);
  await launched?.close();
  await server.close();
  console.log('stopped');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

if (executable && hasDisplay) {
  launching = target.launch({ executable, url, dirs });
  const launched = await launching;
  launched.browser.on('disconnected', () => {
    if (!stopping) console.log(`${target.name} closed; the demo server keeps running until Ctrl+C.`);
  });
  if (!stopping) await target.show({ browser: launched.browser, url, socketUrl: server.url });
} else {
  console.log(executable ? 'No display found, so no browser was opened.' : `No ${target.name} found, so no browser was opened.`);
  for (const line of target.manualSteps({ url, dirs })) console.log(line);
}
