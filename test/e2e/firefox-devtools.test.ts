/**
 * The REAL Firefox DevTools panel (not the panel page in a tab): a page opens a WebSocket to an echo server,
 * the toolbox is opened for its tab through Firefox-internal chrome-scope scripting, the "WebSockets" panel is
 * selected, and its document must list the socket and its frames, in the DevTools theme, and follow a live
 * theme switch. Then host access, as a user meets it: revoked while the page is captured (as about:addons does
 * it), granted again through the panel's "Grant access to this site" (the DevTools panel opens the panel page
 * in a tab, where a real click asks Firefox, whose prompt is accepted), and the page reloaded from the panel.
 * Then the panel at work: a timeline row selected shows its details, an action of the Actions drawer (drop
 * the connection) reaches the page, and the Export dialog's download saves a JSON log of the capture.
 * See test/support/firefox-devtools.ts for how, and docs/firefox.md for the limits. Firefox-internal APIs
 * change between versions: keep this to one file.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NO_CHROME_SCOPE } from '../../scripts/firefox-chrome-scope.mjs';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { sleep } from '../support/chromium';
import { readJson } from '../support/export-files';
import { type FirefoxSession, launchFirefox } from '../support/firefox';
import {
  type DevToolsPanelHandle,
  firefoxHostAccess,
  openDevToolsPanel,
  setFirefoxHostAccess,
  setFirefoxStringPref,
} from '../support/firefox-devtools';
import { answerPermissionPrompt, waitForPermissionPrompt } from '../support/firefox-permission-prompt';
import { waitForUntrackedTab } from '../support/firefox-untracked-tab';
import { type FixtureServer, startFixtureServer } from '../support/servers';

const GREETING = 'hello firefox devtools';

let server: FixtureServer;
let session: FirefoxSession;
let pageUrl: string;
/** The page's tab id in `browser.tabs`, asked while the add-on may still see the page. */
let tabId: number;
let panel: DevToolsPanelHandle | undefined;
/** Where Firefox saves the panel's downloads. */
let downloads: string;

/** Each load of the page greets with its number, so that the rows tell the loads apart. */
const greeting = (load: number) => `${GREETING} (load ${load})`;

async function waitForEcho(load: number) {
  await session.page.waitForFunction(
    (text: string) => document.title === `echoed: ${text}`,
    { polling: 50, timeout: 10_000 },
    greeting(load),
  );
}

beforeAll(async () => {
  server = await startFixtureServer();
  pageUrl = server.page(
    '/devtools-smoke.html',
    `<!doctype html><title>waiting</title><script>
      const load = Number(sessionStorage.getItem('load') ?? 0) + 1;
      sessionStorage.setItem('load', String(load));
      const ws = (window.socket = new WebSocket(location.origin.replace('http', 'ws') + '/echo'));
      ws.onopen = () => ws.send(${JSON.stringify(GREETING)} + ' (load ' + load + ')');
      ws.onmessage = (event) => { if (!document.title.startsWith('echoed:')) document.title = 'echoed: ' + event.data; };
      ws.onclose = (event) => { window.closedWith = event.code; };
    </script>`,
  );
  downloads = await mkdtemp(join(tmpdir(), 'socketscope-devtools-downloads-'));
  session = await launchFirefox({ prefs: { 'devtools.theme': 'dark' }, downloads });
  await session.page.goto(pageUrl);
  await waitForEcho(1);
  const probe = await session.openExtensionPage('/src/panel/panel.html?tabId=0');
  tabId = await session.tabIdOf(session.page, probe);
  await probe.close();
}, 60_000);

saveArtifactsOnFailure(() => session);

afterAll(async () => {
  await panel?.close();
  await session?.close();
  await server?.close();
  await rm(downloads, { recursive: true, force: true });
});

/** Clicks the named button once the panel shows it (a drawer or a dialog renders it a moment after it opens). */
async function clickWhenShown(name: string, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await panel!.click(name);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}

describe('Firefox: the real DevTools panel', () => {
  beforeEach((ctx) => {
    if (!session.chromeScope) ctx.skip(NO_CHROME_SCOPE); // the toolbox is opened and read from there
  });

  it('lists the socket the page opened and its frames, in the DevTools theme', async () => {
    panel = await openDevToolsPanel(session.browser, pageUrl, 'WebSockets', { timeoutMs: 15_000 });
    expect(panel.toolId).toMatch(/^webext-devtools-panel-/);
    const snapshot = await panel
      .waitFor((s) => (s.rows ?? '').includes(greeting(1)) && (s.connections ?? '').includes('/echo'), 20_000)
      .catch(async (error) => {
        session.logs.push(`[devtools panel] ${String(error)}`);
        throw error;
      });
    // No ?tabId: the panel got the inspected tab from devtools.inspectedWindow, as in real use.
    expect(snapshot.href).toBe(`${session.extensionOrigin}/src/panel/panel.html`);
    expect(snapshot.connections).toContain(`${server.wsOrigin}/echo`);
    // Sent and echoed back: at least two rows carry the greeting.
    expect((snapshot.rows ?? '').split(greeting(1)).length - 1).toBeGreaterThanOrEqual(2);
    expect(snapshot.theme).toBe('dark');
  }, 40_000);

  it('follows a live switch of the DevTools theme', async () => {
    if (!panel) throw new Error('the panel did not open');
    await setFirefoxStringPref(session.browser, 'devtools.theme', 'light');
    const snapshot = await panel.waitFor((s) => s.theme === 'light', 10_000);
    expect(snapshot.theme).toBe('light');
  }, 15_000);

  it('revoking host access as about:addons does takes effect: Firefox withholds the page from the add-on', async () => {
    if (!panel || !session.uuid) throw new Error('the panel did not open');
    expect((await panel.read()).banner).toBeNull();
    expect(await setFirefoxHostAccess(session.browser, session.uuid, false, pageUrl)).toBe(false);
  }, 10_000);

  // Firefox gives devtools_panel pages no `browser.permissions`: the panel asks the background instead
  // (src/panel/platform.ts), so the banner shows in the real panel too.
  it('says access was withdrawn and keeps its rows; the page loaded before stays captured, as Firefox leaves its content scripts', async () => {
    if (!panel) throw new Error('the panel did not open');
    const revoked = await panel.waitFor((s) => s.banner !== null, 5_000);
    expect(revoked.banner).toContain('access to this site was withdrawn: pages loaded from now on are not captured');
    expect(revoked.banner).toContain('Grant access to this site');
    expect(revoked.rows).toContain(greeting(1));
    await session.page.evaluate(() => (window as unknown as { socket: WebSocket }).socket.send('sent after the revocation'));
    const after = await panel.waitFor((s) => (s.rows ?? '').includes('sent after the revocation'), 5_000);
    expect(after.healthError).toBeNull();
  }, 15_000);

  it('a page loaded without access is not captured, and the panel keeps the rows it had without an error', async () => {
    if (!panel) throw new Error('the panel did not open');
    await session.page.reload();
    await waitForEcho(2);
    // One more read after the page's own echo: a relay of the new load would have sent its rows by now.
    const snapshot = await panel.waitFor((s) => (s.rows ?? '').includes(greeting(1)), 5_000);
    expect(snapshot.rows).not.toContain(greeting(2));
    expect(snapshot.banner).toContain('Grant access to this site');
    expect(snapshot.healthError).toBeNull();
  }, 15_000);

  it("Grant access to this site opens the panel page in a tab, where a real click and Firefox's prompt, accepted, grant it", async () => {
    if (!panel || !session.uuid) throw new Error('the panel did not open');
    // The DevTools panel has no permissions API: its button opens the panel page for the inspected tab.
    await panel.click('Grant access to this site');
    const tab = await waitForUntrackedTab(session.browser, `${session.extensionOrigin}/src/panel/panel.html`);
    expect(tab.url).toBe(`${session.extensionOrigin}/src/panel/panel.html?tabId=${tabId}`);
    await tab.clickButton('Grant access to this site');

    const prompt = await waitForPermissionPrompt(session.browser);
    expect(prompt.text).toContain('SocketScope');
    expect(prompt.text).toContain('Access your data for all websites');
    expect(prompt.allowLabel).toBe('Allow');
    await answerPermissionPrompt(session.browser, true);

    expect(await firefoxHostAccess(session.browser, session.uuid, pageUrl)).toBe(true);
    const granted = await panel.waitFor((s) => (s.banner ?? '').includes('next page load'), 5_000);
    expect(granted.banner).toContain('Access granted. Capture starts with the next page load.');
    expect(await tab.text('.access-banner')).toContain('Access granted.');
  }, 30_000);

  it("the panel's Reload page reloads the inspected page, and the new load is captured", async () => {
    if (!panel) throw new Error('the panel did not open');
    await panel.click('Reload page');
    await waitForEcho(3);
    const snapshot = await panel.waitFor((s) => (s.rows ?? '').split(greeting(3)).length - 1 >= 2, 10_000);
    expect(snapshot.banner).toBeNull();
    expect(snapshot.healthError).toBeNull();
  }, 20_000);

  it('selects a timeline row with a click, and the details show that message', async () => {
    if (!panel) throw new Error('the panel did not open');
    await panel.clickWhere('[role=listbox][aria-label=Messages] [role=option]', greeting(3));
    const snapshot = await panel.waitFor((s) => (s.details ?? '').includes(greeting(3)), 5_000);
    expect(snapshot.details).toContain(`${greeting(3).length} bytes, text`);
  }, 15_000);

  it('drops the connection from the Actions drawer: the page sees a network loss, the timeline a close 1006', async () => {
    if (!panel) throw new Error('the panel did not open');
    await panel.click('Actions');
    await clickWhenShown('Drop connection');
    await session.page.waitForFunction(() => (window as unknown as { closedWith?: number }).closedWith === 1006, {
      polling: 50,
      timeout: 10_000,
    });
    const snapshot = await panel.waitFor((s) => (s.rows ?? '').includes('close 1006'), 5_000);
    expect(snapshot.healthError).toBeNull();
  }, 20_000);

  it("exports a JSON log with the Export dialog's Download: the file holds the socket and the greetings of the page shown", async () => {
    if (!panel) throw new Error('the panel did not open');
    await panel.click('Export…');
    await clickWhenShown('Download');
    const result = await panel.waitFor((s) => /Saved websocket-logs-/.test(s.exportResult ?? ''), 10_000);
    const name = /Saved (websocket-logs-\S+\.json)/.exec(result.exportResult ?? '')?.[1];
    expect(name).toBeDefined();
    // Firefox writes a .part file first, then moves it over the final name.
    const deadline = Date.now() + 10_000;
    while (!(await readdir(downloads)).includes(name!) || (await readdir(downloads)).some((f) => f.endsWith('.part'))) {
      if (Date.now() > deadline) throw new Error(`no ${name} in the downloads (${(await readdir(downloads)).join(', ')})`);
      await sleep(100);
    }
    const log = await readJson(join(downloads, name!));
    expect(log.format).toBe('socketscope-log');
    expect(log.connections.map((c: { url: string }) => c.url)).toContain(`${server.wsOrigin}/echo`);
    const texts = log.events.map((e: { data?: string }) => e.data ?? '');
    expect(texts.filter((t: string) => t === greeting(3))).toHaveLength(2); // sent and echoed
    // Load 2 was not captured, and load 3 replaced load 1's rows (no "Preserve log").
    expect(texts.filter((t: string) => t.startsWith(GREETING))).toHaveLength(2);
    await panel.click('Close');
  }, 30_000);
});
