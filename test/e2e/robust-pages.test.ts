/**
 * Hostile pages: a page that forges the relay's handshake and the hook's probe (in floods), steals a
 * child frame's relay port and writes junk to it, replaces postMessage, prototypes, JSON and WebSocket
 * after load and freezes them. Capture of its own traffic goes on, junk is rejected and counted in the
 * panel's status bar, and nothing it does reaches another tab: tab B's capture and panel stay exactly
 * as they were, showing only B's socket.
 */
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { type ChromiumSession, launchChromium, sleep } from '../support/chromium';
import { panelText } from '../support/panel';
import { CLEAN_GUARD, installPanelGuard, readPanelGuard } from '../support/panel-guard';
import { type FixtureServer, startFixtureServer } from '../support/servers';
import { openPanelTab } from '../support/targets';
import { allRowTexts, waitForTotal } from '../support/timeline';

let server: FixtureServer;
let session: ChromiumSession;
/** Whether tab A's child frame socket was captured (see the DEFECT case below). */
let childCaptured: boolean | undefined;

beforeAll(async () => {
  server = await startFixtureServer();
  session = await launchChromium({ devtools: false });
});

saveArtifactsOnFailure(() => session);

afterAll(async () => {
  await session?.close();
  await server?.close();
});

const PROBE = '__socketscope_probe_v1__';
const CONNECT = '__socketscope_connect_v1__';
/** Junk written to the stolen relay port: 1 non-batch + 100 bad items + 1 oversized URL + 1 bad id + 50 × 200 bad items. */
const REJECTED = 1 + 100 + 1 + 1 + 50 * 200;
const MESSAGES = 50;

/** Tab A: everything a page can reach, then its own socket. */
function hostilePage(wsOrigin: string): string {
  return `<!doctype html><html><head><script>
  const state = (window.state = { forgedPortMessages: 0, probesPrevented: 0, stolen: false, pageSawHandshakes: 0, runtime: null, echoes: 0, commands: '', done: false, connected: false, childEcho: false });
  // Published as an attribute: once the page has trapped Object.prototype and JSON, the test reads it through CDP.
  const publish = () => document.documentElement.setAttribute('data-state',
    'forgedPortMessages=' + state.forgedPortMessages + ';probesPrevented=' + state.probesPrevented + ';stolen=' + state.stolen +
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
  // 2. probe events: the hook answers them (this is how a page can tell it runs)
  for (let i = 0; i < 500; i++) {
    const e = new CustomEvent('${PROBE}', { cancelable: true, detail: { k: 'create' } });
    dispatchEvent(e);
    if (e.defaultPrevented) state.probesPrevented++;
  }
  // 3. a child window reached through frames[0] before its scripts run: pretend the hook is there, take the relay's port
  const frame = document.createElement('iframe');
  frame.src = '/child.html';
  document.documentElement.appendChild(frame);
  const child = window.frames[0];
  child.addEventListener('${PROBE}', (e) => e.preventDefault(), true);
  child.addEventListener('message', (e) => {
    if (!e.data || !e.data['${CONNECT}'] || e.ports.length !== 1) return;
    e.stopImmediatePropagation();
    state.stolen = true;
    publish();
    const port = e.ports[0];
    // the relay's commands for the hook (e.g. the panel's refusal rules) now reach the page: they were meant for its realm anyway
    port.onmessage = (m) => { state.commands += (m.data && m.data.c) + ','; };
    port.postMessage('not a batch');
    port.postMessage(Array.from({ length: 100 }, (_, i) => ({ k: 'msg', id: i, t: 'never', dir: 'sideways' })));
    port.postMessage([{ k: 'create', id: 1, t: 1, url: 'ws://x/' + 'x'.repeat(9000), protocols: [], frameUrl: '', stack: '' }]);
    port.postMessage([{ k: 'msg', id: 'x', t: 1, dir: 'send', data: 'y' }]);
    for (let i = 0; i < 50; i++) port.postMessage(Array.from({ length: 200 }, () => ({ k: '__proto__' })));
    // well-formed: accepted as this frame's capture (a page can always write its own capture)
    port.postMessage([{ k: 'create', id: 77, t: Date.now(), url: 'wss://forged.invalid/', protocols: [], frameUrl: 'forged', stack: '' }]);
  }, true);

  window.addEventListener('load', () => {
    // 4. after load: replace and freeze what the extension could have used
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

/** The page's published state, read with a bare CDP evaluation that touches none of the page's traps. */
async function stateOf(page: Page): Promise<Record<string, string>> {
  const cdp = await page.createCDPSession();
  try {
    const { result } = await cdp.send('Runtime.evaluate', {
      expression: 'document.documentElement.getAttribute("data-state")',
      returnByValue: true,
    });
    return Object.fromEntries(
      String(result.value ?? '')
        .split(';')
        .map((pair) => pair.split('=') as [string, string]),
    );
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

describe('hostile pages', () => {
  it('cannot reach another tab; forgeries are rejected and counted; its own capture goes on', async () => {
    // Tab B first, with its panel (the real panel UI, in a tab of its own).
    const tabB = await session.browser.newPage();
    await tabB.goto(server.page('/b.html', quietPage(server.wsOrigin)));
    await tabB.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true, { polling: 50 });
    const panelB = await openPanelTab(session.browser, session.extensionId, tabB);
    const pb: Frame = panelB.tab.mainFrame();
    await installPanelGuard(pb);
    await waitForTotal(pb, 62);
    const before = await allRowTexts(pb);

    // Tab A does everything it can.
    server.page('/child.html', childPage(server.wsOrigin));
    const tabA = session.page;
    await tabA.goto(server.page('/a.html', hostilePage(server.wsOrigin)));
    await waitForState(tabA, 'done', 'true');
    const panelA = await openPanelTab(session.browser, session.extensionId, tabA);
    const pa: Frame = panelA.tab.mainFrame();
    await installPanelGuard(pa);
    const seen = await stateOf(tabA);

    // The MAIN world has no extension API to talk to us with.
    expect(['no chrome', 'no runtime']).toContain(seen.runtime);
    expect(seen.connected).toBe('false');
    // Forged handshakes go to the page untouched and unanswered; probes are answered (a known limit: detectable).
    expect(seen.pageSawHandshakes).toBe('500');
    expect(seen.probesPrevented).toBe('500');
    expect(seen.forgedPortMessages).toBe('0');

    // A's own socket: complete despite every override (50 sent and 50 echoed, each once).
    await pa.waitForFunction(
      () =>
        [...document.querySelectorAll('section[aria-label=Connections] tbody tr')].some(
          (tr) =>
            tr.textContent?.includes('tab=a') && !tr.textContent.includes('a-child') && (tr.textContent.match(/50 · /g) ?? []).length === 2,
        ),
      { polling: 100, timeout: 20_000 },
    );
    const health = await panelText(pa, '[aria-label="Capture health"]');
    if (seen.stolen === 'true') {
      // The child's relay port was taken: every malformed item was rejected, and counted exactly.
      expect(health).toContain(`${REJECTED} malformed messages rejected`);
      expect(await panelText(pa, 'section[aria-label=Connections]')).toContain('wss://forged.invalid/');
    } else {
      expect(health).toContain('nothing dropped');
    }
    expect(await panelText(pa, 'section[aria-label=Connections]')).toContain('/echo?tab=a');
    expect(await panelText(pa, 'section[aria-label=Connections]')).not.toContain('tab=b');

    // Tab B: not one row more or less, no rejection, only B's socket.
    await sleep(500);
    expect(await allRowTexts(pb)).toEqual(before);
    expect(await panelText(pb, '[aria-label="Capture health"]')).toContain('nothing dropped');
    expect(await panelText(pb, '[aria-label="Capture health"]')).toMatch(/^1 connection\(s\) · 1 document\(s\)/);
    const urls = await pb.$$eval('section[aria-label=Connections] td.url button', (b) => b.map((x) => x.textContent));
    expect(urls).toEqual([`${server.wsOrigin}/echo?tab=b`]);
    childCaptured = (await panelText(pa, 'section[aria-label=Connections]')).includes('tab=a-child');
    expect(await readPanelGuard(pa)).toEqual(CLEAN_GUARD);
    expect(await readPanelGuard(pb)).toEqual(CLEAN_GUARD);
    console.log(`[robust] child relay port stolen through frames[0]: ${seen.stolen}; child socket echoed: ${seen.childEcho}`);
    await panelA.tab.close();
    await panelB.tab.close();
    await tabB.close();
  });

  // DEFECT (page hook, src/page/install.ts + channel.ts; reported to the lead, not fixed here): a parent page
  // that reaches a same-origin child window through frames[0] (not through the guarded contentWindow getter)
  // before the child's scripts run can answer the hook's probe, so the child's hook believes it is already
  // installed and stays out, and can take the child relay's MessagePort. The child's sockets then go
  // uncaptured. Marked `fails`: this case starts failing (and must be turned into `it`) once the hook is fixed.
  it.fails('DEFECT: a child frame reached through frames[0] can switch its capture off', () => {
    expect(childCaptured).toBe(true);
  });
});
