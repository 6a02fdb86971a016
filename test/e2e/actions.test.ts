/**
 * Actions against the demo chat, the same cases in Chromium's real DevTools panel and in firefox-esr's
 * panel page (in a tab next to the page): inject a send (the server gets it), inject a receive (the app
 * shows it), close cleanly, drop and refuse reconnects (the app's backoff shows in the report), and
 * offline mode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { DemoServer } from '../../demo/server/index.mjs';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { BROWSERS, launchHarness, type PanelHarness } from '../support/browser-harness';
import { sleep } from '../support/chromium';
import { demoText, startDemo, waitForDemoState } from '../support/demo';
import {
  clickButton,
  openActions,
  type PanelTarget,
  panelText,
  readTimeline,
  selectOption,
  toggleCheckbox,
  waitForPanel,
} from '../support/panel';

let demo: DemoServer;
let session: PanelHarness | undefined;
let panel: PanelTarget;
/** Another member of the room, outside the browser: what the server relays, it receives. */
let bob: WebSocket;
const bobHeard: string[] = [];
const BACKOFF = 250;

async function fill(label: string, text: string) {
  const field = await panel.waitForSelector(`[aria-label="${label}"]`);
  await field!.click({ count: 3 });
  await panel.$eval(`[aria-label="${label}"]`, (el) => {
    (el as HTMLInputElement).value = '';
  });
  await field!.type(text);
}

const alice = () => session!.page;

type Row = Awaited<ReturnType<typeof readTimeline>>[number];
/** The panel batches and renders asynchronously: wait until a row matching `check` is shown. */
async function waitForRow(check: (row: Row) => boolean, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  while (!(await readTimeline(panel)).some(check)) {
    if (Date.now() > deadline) throw new Error(`no timeline row matched: ${check}`);
    await sleep(100);
  }
}

async function waitUntil(check: () => boolean, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(50);
  }
}

saveArtifactsOnFailure(() => session);

describe.each(BROWSERS)('actions on the demo chat in %s', (browser) => {
  beforeAll(async () => {
    bobHeard.length = 0;
    demo = await startDemo({ rateLimit: false });
    session = await launchHarness(browser);
    await alice().goto(`${demo.httpUrl}/?name=alice&room=lobby&backoff=${BACKOFF}&maxRetries=20`);
    await waitForDemoState(alice(), 'open');
    bob = new WebSocket(demo.url);
    bob.on('message', (data) => bobHeard.push(String(data)));
    await new Promise((resolve) => bob.once('open', resolve));
    bob.send(JSON.stringify({ type: 'setName', name: 'bob' }));
    bob.send(JSON.stringify({ type: 'joinRoom', roomId: 'lobby' }));
    panel = await session.openPanel();
    await waitForPanel(panel, () => document.querySelector('[aria-label="Target connection"]') !== null);
    await openActions(panel);
  });

  afterAll(async () => {
    bob?.close();
    await session?.close();
    session = undefined;
    await demo?.close();
  });

  it('injects a send that the server really receives', async () => {
    await selectOption(panel, 'Format', 'text');
    await fill('Message', JSON.stringify({ type: 'sendToRoom', roomId: 'lobby', text: 'injected hello' }));
    await clickButton(panel, 'Send to server');
    // The server relayed it to the room as alice's chat: bob receives it.
    await waitUntil(() => bobHeard.some((m) => m.includes('"text":"injected hello"') && m.includes('"name":"alice"')));
    await waitForRow((r) => r.kind === 'send' && r.text.startsWith('injected') && r.text.includes('injected hello'));
    await waitForRow((r) => r.kind === 'action' && r.text.startsWith('send: sent'));
  });

  it('injects a receive that the app shows and the server never sees', async () => {
    const frame = { type: 'chat', id: 9999, roomId: 'lobby', userId: 'srv', name: 'mallory', text: 'fake from server', ts: Date.now() };
    await fill('Message', JSON.stringify(frame));
    await clickButton(panel, 'Inject as received');
    await alice().waitForFunction(() => document.querySelector('#messages')?.textContent?.includes('mallory: fake from server'), {
      polling: 50,
    });
    await sleep(300);
    expect(bobHeard.join('\n')).not.toContain('fake from server');
    await waitForRow((r) => r.kind === 'recv' && r.text.startsWith('injected') && r.text.includes('fake from server'));
  });

  it('validates the close code as the browser does, then closes cleanly', async () => {
    await fill('Close code', '1001');
    await clickButton(panel, 'Close connection');
    await waitForPanel(panel, () => document.querySelector('[role=alert]')?.textContent?.includes('InvalidAccessError') ?? false);
    expect(await demoText(alice(), 'conn-state')).toBe('open');
    await fill('Close code', '1000');
    await fill('Close reason', 'bye from SocketScope');
    await clickButton(panel, 'Close connection');
    await waitForDemoState(alice(), 'closed');
    await waitForRow((r) => r.kind === 'close' && r.text.includes('1000') && r.text.includes('bye from SocketScope'));
    // Reconnect by hand for the next tests.
    const connect = await alice().waitForSelector('::-p-aria(Connect[role="button"])');
    await connect!.click();
    await waitForDemoState(alice(), 'open');
  });

  it('drops and refuses reconnects: the app backs off, the report shows the attempts and the recovery', async () => {
    await waitForPanel(panel, () => {
      const select = document.querySelector<HTMLSelectElement>('[aria-label="Target connection"]');
      return select !== null && !select.disabled;
    });
    await selectOption(panel, 'Refuse by', 'attempts');
    await fill('Refuse count', '3');
    await clickButton(panel, 'Drop and refuse reconnects');
    // The drop really happened (not a click on a stale target): the app lost its connection.
    await alice().waitForFunction(() => document.querySelector('#conn-state')?.textContent !== 'open', { polling: 20, timeout: 10_000 });
    await waitForDemoState(alice(), 'open', 30_000);
    // The app's own view of its retries: three refused attempts, then the fourth connects.
    expect(await demoText(alice(), 'delays')).toMatch(new RegExp(`^${BACKOFF}, ${BACKOFF * 2}, ${BACKOFF * 4}, ${BACKOFF * 8}`));
    await waitForPanel(
      panel,
      () => document.querySelector('[aria-label="Reconnection report"]')?.textContent?.includes('Recovered after') ?? false,
    );
    const report = await panelText(panel, '[aria-label="Reconnection report"]');
    const delays = [...report.matchAll(/Attempt (\d): after ([\d.]+) s — (\w+)/g)].map((m) => [Number(m[1]), Number(m[2]), m[3]]);
    expect(delays.map((d) => d[2])).toEqual(['refused', 'refused', 'refused', 'opened']);
    for (const [i, [, seconds]] of delays.entries()) {
      const expected = (BACKOFF * 2 ** i) / 1000;
      expect(seconds).toBeGreaterThanOrEqual(expected - 0.05);
      expect(seconds).toBeLessThan(expected + 0.5);
    }
    expect(report).toMatch(/Traffic resumed: [1-9]\d* sent/); // the client re-joins its room
  });

  it('offline mode fails every new connection until it is turned off', async () => {
    await fill('Offline pattern', '/ws');
    await toggleCheckbox(panel, 'Offline mode');
    await clickButton(panel, 'Drop connection');
    await alice().waitForFunction(() => Number(document.querySelector('#retry-count')?.textContent) >= 2, { polling: 50, timeout: 20_000 });
    expect(await demoText(alice(), 'conn-state')).not.toBe('open');
    // The drop looked like a network loss to the page: close 1006, not clean.
    await waitForRow((r) => r.kind === 'close' && r.text.includes('1006') && r.text.includes('not clean'));
    await toggleCheckbox(panel, 'Offline mode');
    await waitForDemoState(alice(), 'open', 30_000);
  });
});
