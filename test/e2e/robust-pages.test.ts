/**
 * Hostile pages: a page that forges the relay's handshake and the hook's probe (in floods), forges the
 * final hand-over with junk, lies in wait on a child window reached through frames[0] (answering the
 * probe, listening for the relay's port), replaces postMessage, prototypes, JSON and WebSocket after
 * load and freezes them. Capture of its own and its child's traffic goes on, the page cannot tell the
 * hook runs, junk is rejected and counted in the panel's status bar, and nothing it does reaches
 * another tab: tab B's capture and panel stay exactly as they were, showing only B's socket. In Chromium
 * and in firefox-esr (panel pages in tabs in both).
 */
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { BROWSERS, launchHarness, type PanelHarness } from '../support/browser-harness';
import { sleep } from '../support/chromium';
import { panelText } from '../support/panel';
import { CLEAN_GUARD, installPanelGuard, readPanelGuard } from '../support/panel-guard';
import { type FixtureServer, startFixtureServer } from '../support/servers';
import { allRowTexts, waitForTotal } from '../support/timeline';

let server: FixtureServer;
let session: PanelHarness | undefined;

saveArtifactsOnFailure(() => session);

const PROBE = '__socketscope_probe_v1__';
const CONNECT = '__socketscope_connect_v1__';
const FINAL = '__socketscope_final_v1__';
/** Forged final hand-overs, each rejected whole: 1 non-text detail, 1 unparsable text, 2 without the hook's token. */
const REJECTED = 4;
const MESSAGES = 50;

/** Tab A: everything a page can reach, then its own socket. */
function hostilePage(wsOrigin: string): string {
  return `<!doctype html><html><head><script>
  const state = (window.state = { forgedPortMessages: 0, probesPrevented: 0, probesAnswered: 0, stolen: false, pageSawHandshakes: 0, runtime: null, echoes: 0, commands: '', done: false, connected: false, childEcho: false });
  // Published as an attribute: once the page has trapped Object.prototype and JSON, the test reads it through CDP.
  const publish = () => document.documentElement.setAttribute('data-state',
    'forgedPortMessages=' + state.forgedPortMessages + ';probesPrevented=' + state.probesPrevented + ';probesAnswered=' + state.probesAnswered + ';stolen=' + state.stolen +
    ';pageSawHandshakes=' + state.pageSawHandshakes + ';runtime=' + state.runtime + ';echoes=' + state.echoes + ';done=' + state.done +
    ';connected=' + state.connected + ';childEcho=' + state.childEcho + ';commands=' + state.commands);
  setInterval(publish, 50);
  // The chrome.runtime a MAIN-world script can reach (none: no externally_connectable).
  try { state.runtime = typeof chrome === 'undefined' ? 'no chrome' : typeof chrome.runtime === 'undefined' ? 'no runtime' : Object.keys(chrome.runtime).join(','); } catch (e) { state.runtime = 'threw ' + e; }
  try { chrome.runtime.connect('ijnjacnnhdikadonilbhhnkmglgbfakj', { name: 'socketscope-panel' }).postMessage({ type: 'subscribe', tabId: 1 }); state.connected = true; } catch (e) { state.connectError = String(e); }
  window.addEventListener('message', (e) => { if (e.data && e.data['${CONNECT}']) state.pageSawHandshakes++; });
  // 1. forged handshakes, each with a port of its own that listens for anything the extension says
  for (let i = 0; i < 500; i++) {
    const c = new MessageChannel();
    c.port1.onmessage = () => { state.forgedPortMessages++; };
    window.postMessage({ '${CONNECT}': true }, '*', [c.port2]);
  }
  // 2. the hook's probe, as a second copy of the hook sends it: would anything answer and give the extension away?
  for (let i = 0; i < 500; i++) {
    const e = new CustomEvent('${PROBE}', { cancelable: true, detail: () => { state.probesAnswered++; } });
    dispatchEvent(e);
    if (e.defaultPrevented) state.probesPrevented++;
  }
  // 3. a child window reached through frames[0] before its document exists (Chromium keeps that window, and the
  //    listeners on it, for the child's document): answer the hook's probe, and lie in wait for the relay's port
  const frame = document.createElement('iframe');
  frame.src = '/child.html';
  document.documentElement.appendChild(frame);
  const child = window.frames[0];
  child.addEventListener('${PROBE}', (e) => { e.preventDefault(); if (typeof e.detail === 'function') e.detail(); }, true);
  const steal = (e) => {
    if (!e.ports || e.ports.length !== 1) return;
    e.stopImmediatePropagation();
    state.stolen = true;
    publish();
  };
  child.addEventListener('message', steal, true);
  child.addEventListener('${CONNECT}', steal, true);
  // 4. forged final hand-overs where the relay listens for them: without the hook's secret token, each is rejected whole
  document.fonts.dispatchEvent(new CustomEvent('${FINAL}', { detail: { not: 'text' } }));
  document.fonts.dispatchEvent(new CustomEvent('${FINAL}', { detail: '[{' }));
  const junk = Array.from({ length: 100 }, (_, i) => ({ k: 'msg', id: i, t: 'never', dir: 'sideways' }));
  document.fonts.dispatchEvent(new CustomEvent('${FINAL}', { detail: JSON.stringify({ token: 'guess', posted: [], queue: junk }) }));
  const create = { k: 'create', id: 77, t: Date.now(), url: 'wss://forged.invalid/', protocols: [], frameUrl: 'forged', stack: '' };
  document.fonts.dispatchEvent(new CustomEvent('${FINAL}', { detail: JSON.stringify({ posted: [{ b: 1e9, events: [create] }], queue: [create] }) }));

  window.addEventListener('load', () => {
    // 5. after load: replace and freeze what the extension could have used
    const NativeWebSocket = WebSocket;
    const boom = () => { throw new Error('hostile'); };
    window.postMessage = boom;
    MessagePort.prototype.postMessage = boom;
    EventTarget.prototype.addEventListener = boom;
    EventTarget.prototype.dispatchEvent = boom;
    JSON.stringify = boom; JSON.parse = boom;
    Array.prototype.push = boom; Array.prototype.slice = boom; Array.prototype.map = boom;
    for (const key of ['k', 'id', 't', 'data', 'dir', 'size', 'then', 'type', 'frame']) {
      Object.defineProperty(Object.prototype, key, { configurable: false, get: boom, set: boom });
    }
    window.WebSocket = function WebSocket() { throw new Error('no sockets here'); };
    Object.freeze(NativeWebSocket.prototype); Object.freeze(MessagePort.prototype); Object.freeze(EventTarget.prototype);
    Object.freeze(Array.prototype); Object.freeze(JSON); Object.freeze(Object.prototype);
    const ws = new NativeWebSocket('${wsOrigin}/echo?tab=a');
    ws.onopen = () => { for (let i = 0; i < ${MESSAGES}; i++) ws.send('a ' + i); };
    ws.onmessage = () => { if (++state.echoes === ${MESSAGES}) state.done = true; };
  });
  </script></head><body>tab A</body></html>`;
}

const childPage = (wsOrigin: string) =>
  `<!doctype html><html><head><script>
  const ws = new WebSocket('${wsOrigin}/echo?tab=a-child');
  ws.onopen = () => ws.send('child');
  ws.onmessage = () => { parent.state.childEcho = true; };
  </script></head><body>child</body></html>`;

/** Tab B: one socket, 30 messages echoed, left open. */
const quietPage = (wsOrigin: string) =>
  `<!doctype html><html><head><script>
  const ws = new WebSocket('${wsOrigin}/echo?tab=b');
  let n = 0;
  ws.onopen = () => { for (let i = 0; i < 30; i++) ws.send('b ' + i); };
  ws.onmessage = () => { if (++n === 30) window.__done = true; };
  </script></head><body>tab B</body></html>`;

const READ_STATE = 'document.documentElement.getAttribute("data-state")';

/**
 * The page's published state, read where none of the page's traps can run: a bare CDP evaluation in
 * Chromium, a WebDriver BiDi sandbox in Firefox (which sees the DOM, not the page's replaced built-ins).
 */
async function stateOf(page: Page): Promise<Record<string, string>> {
  const text = session!.firefox ? await session!.firefox.readInSandbox(page, READ_STATE) : await cdpRead(page);
  return Object.fromEntries(text.split(';').map((pair) => pair.split('=') as [string, string]));
}

async function cdpRead(page: Page): Promise<string> {
  const cdp = await page.createCDPSession();
  try {
    const { result } = await cdp.send('Runtime.evaluate', { expression: READ_STATE, returnByValue: true });
    return String(result.value ?? '');
  } finally {
    await cdp.detach();
  }
}

async function waitForState(page: Page, key: string, value: string, timeout = 20_000): Promise<Record<string, string>> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const state = await stateOf(page);
    if (state[key] === value) return state;
    if (Date.now() > deadline) throw new Error(`the page never had ${key}=${value}: ${JSON.stringify(state)}`);
    await sleep(100);
  }
}

describe.each(BROWSERS)('hostile pages (%s)', (browser) => {
  beforeAll(async () => {
    server = await startFixtureServer();
    session = await launchHarness(browser, { devtools: false });
  });

  afterAll(async () => {
    await session?.close();
    session = undefined;
    await server?.close();
  });

  it('cannot reach another tab; forgeries are rejected and counted; its own capture goes on', async () => {
    // Tab B first, with its panel (the real panel UI, in a tab of its own).
    const s = session!;
    const tabB = await s.page.browser().newPage();
    await tabB.goto(server.page('/b.html', quietPage(server.wsOrigin)));
    await tabB.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true, { polling: 50 });
    const panelB = await s.panelTab(tabB);
    const pb: Frame = panelB.mainFrame();
    await installPanelGuard(pb);
    await waitForTotal(pb, 62);
    const before = await allRowTexts(pb);

    // Tab A does everything it can.
    server.page('/child.html', childPage(server.wsOrigin));
    const tabA = s.page;
    await tabA.goto(server.page('/a.html', hostilePage(server.wsOrigin)));
    await waitForState(tabA, 'done', 'true');
    const panelA = await s.panelTab(tabA);
    const pa: Frame = panelA.mainFrame();
    await installPanelGuard(pa);
    const seen = await stateOf(tabA);

    // The MAIN world has no extension API to talk to us with.
    expect(['no chrome', 'no runtime']).toContain(seen.runtime);
    expect(seen.connected).toBe('false');
    // Forged handshakes go to the page untouched and unanswered; its probes get no answer (it cannot tell we run).
    expect(seen.pageSawHandshakes).toBe('500');
    expect(seen.probesPrevented).toBe('0');
    expect(seen.probesAnswered).toBe('0');
    expect(seen.forgedPortMessages).toBe('0');
    // The child frame's relay port never reached the page.
    expect(seen.stolen).toBe('false');

    // A's own socket: complete despite every override (50 sent and 50 echoed, each once).
    await pa.waitForFunction(
      () =>
        [...document.querySelectorAll('section[aria-label=Connections] tbody tr')].some(
          (tr) =>
            tr.textContent?.includes('tab=a') && !tr.textContent.includes('a-child') && (tr.textContent.match(/50 · /g) ?? []).length === 2,
        ),
      { polling: 100, timeout: 20_000 },
    );
    // The forged final hand-overs: each rejected and counted; not even the well-formed one reaches the capture.
    const health = await panelText(pa, '[aria-label="Capture health"]');
    expect(health).toContain(`${REJECTED} malformed messages rejected`);
    expect(await panelText(pa, 'section[aria-label=Connections]')).not.toContain('forged.invalid');
    expect(await panelText(pa, 'section[aria-label=Connections]')).toContain('/echo?tab=a');
    expect(await panelText(pa, 'section[aria-label=Connections]')).not.toContain('tab=b');

    // Tab B: not one row more or less, no rejection, only B's socket.
    await sleep(500);
    expect(await allRowTexts(pb)).toEqual(before);
    expect(await panelText(pb, '[aria-label="Capture health"]')).toContain('nothing dropped');
    expect(await panelText(pb, '[aria-label="Capture health"]')).toMatch(/^1 connection\(s\) · 1 document\(s\)/);
    const urls = await pb.$$eval('section[aria-label=Connections] td.url button', (b) => b.map((x) => x.textContent));
    expect(urls).toEqual([`${server.wsOrigin}/echo?tab=b`]);
    // The child frame the page reached through frames[0] is captured all the same.
    await waitForState(tabA, 'childEcho', 'true');
    await pa.waitForFunction(() => document.querySelector('section[aria-label=Connections]')?.textContent?.includes('tab=a-child'), {
      polling: 100,
      timeout: 10_000,
    });
    expect(await readPanelGuard(pa)).toEqual(CLEAN_GUARD);
    expect(await readPanelGuard(pb)).toEqual(CLEAN_GUARD);
    await panelA.close();
    await panelB.close();
    await tabB.close();
  });
});
