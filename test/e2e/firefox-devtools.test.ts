/**
 * Smoke test of the REAL Firefox DevTools panel (not the panel page in a tab): a page opens a WebSocket
 * to an echo server, the toolbox is opened for its tab through Firefox-internal chrome-scope scripting,
 * the "WebSockets" panel is selected, and its document must list the socket and its frames, in the
 * DevTools theme, and follow a live theme switch. Revoked host access is a known bug there (see below). See test/support/firefox-devtools.ts for how, and
 * docs/firefox.md for the limits. Firefox-internal APIs change between versions: keep this to one file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { type FirefoxSession, launchFirefox } from '../support/firefox';
import { type DevToolsPanelHandle, openDevToolsPanel, setFirefoxHostAccess, setFirefoxStringPref } from '../support/firefox-devtools';
import { type FixtureServer, startFixtureServer } from '../support/servers';

const GREETING = 'hello firefox devtools';

let server: FixtureServer;
let session: FirefoxSession;
let pageUrl: string;
let panel: DevToolsPanelHandle | undefined;

beforeAll(async () => {
  server = await startFixtureServer();
  pageUrl = server.page(
    '/devtools-smoke.html',
    `<!doctype html><title>waiting</title><script>
      const ws = new WebSocket(location.origin.replace('http', 'ws') + '/echo');
      ws.onopen = () => ws.send(${JSON.stringify(GREETING)});
      ws.onmessage = (event) => { document.title = 'echoed: ' + event.data; };
    </script>`,
  );
  session = await launchFirefox({ prefs: { 'devtools.theme': 'dark' } });
  await session.page.goto(pageUrl);
  await session.page.waitForFunction(() => document.title.startsWith('echoed:'), { polling: 50, timeout: 10_000 });
}, 60_000);

saveArtifactsOnFailure(() => session);

afterAll(async () => {
  await panel?.close();
  await session?.close();
  await server?.close();
});

describe('Firefox: the real DevTools panel', () => {
  it('lists the socket the page opened and its frames, in the DevTools theme', async () => {
    panel = await openDevToolsPanel(session.browser, pageUrl, 'WebSockets', { timeoutMs: 15_000 });
    expect(panel.toolId).toMatch(/^webext-devtools-panel-/);
    const snapshot = await panel
      .waitFor((s) => (s.rows ?? '').includes(GREETING) && (s.connections ?? '').includes('/echo'), 20_000)
      .catch(async (error) => {
        session.logs.push(`[devtools panel] ${String(error)}`);
        throw error;
      });
    // No ?tabId: the panel got the inspected tab from devtools.inspectedWindow, as in real use.
    expect(snapshot.href).toBe(`${session.extensionOrigin}/src/panel/panel.html`);
    expect(snapshot.connections).toContain(`${server.wsOrigin}/echo`);
    // Sent and echoed back: at least two rows carry the greeting.
    expect((snapshot.rows ?? '').split(GREETING).length - 1).toBeGreaterThanOrEqual(2);
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
  it('asks for host access once it is revoked, and says capture resumes after a reload once granted', async () => {
    if (!panel || !session.uuid) throw new Error('the panel did not open');
    const revoked = await panel.waitFor((s) => s.banner !== null, 5_000);
    expect(revoked.banner).toContain('Grant access to this site');
    expect(await setFirefoxHostAccess(session.browser, session.uuid, true, pageUrl)).toBe(true);
    const granted = await panel.waitFor((s) => (s.banner ?? '').includes('next page load'), 5_000);
    expect(granted.banner).toContain('Reload page');
  }, 15_000);
});
