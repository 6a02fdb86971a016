/**
 * Resend from the timeline, in Chromium's real DevTools panel and in firefox-esr's panel page (in a tab):
 * a page holds sockets to two servers; "Send again on #2" sends a message of #1 on #2, the second server
 * receives it, and the new row's details lead back to the original (Go to original message selects it).
 * "Edit and send" of the same message reaches the first server, and its row links back too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { BROWSERS, type BrowserName, launchHarness, type PanelHarness } from '../support/browser-harness';
import { clickButton, messageRows, type PanelTarget, waitForPanel, waitForRowCount } from '../support/panel';
import { type FixtureServer, startFixtureServer } from '../support/servers';

/** Opens one socket to each server (#1 to the first, #2 to the second), then sends one message on #1. */
function twoServersPage(first: string, second: string): string {
  return `<!doctype html><html><head><script>
  const once = (ws, type) => new Promise((resolve) => ws.addEventListener(type, resolve, { once: true }));
  (async () => {
    const one = new WebSocket('${first}/one');
    await once(one, 'open');
    const two = new WebSocket('${second}/two');
    await once(two, 'open');
    one.send('order 66');
    window.__done = true;
  })();
  </script></head><body>two servers</body></html>`;
}

let first: FixtureServer | undefined;
let second: FixtureServer | undefined;
let harness: PanelHarness | undefined;
let panel: PanelTarget;

saveArtifactsOnFailure(() => harness);

/** Waits until a server has received `text` (as text). */
const receivedBy = (server: FixtureServer, text: string) =>
  waitUntil(() => server.received.some((m) => !m.binary && m.data.toString() === text));

async function waitUntil(check: () => boolean, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The timeline row on connection `conn` ("#2") whose preview shows `text`, the last one if several do. */
async function rowOn(conn: string, text: string) {
  const rows = await messageRows(panel);
  let found: (typeof rows)[number] | undefined;
  for (const handle of rows) {
    const [c, preview] = await handle.evaluate((el) => [
      el.querySelector('.c-conn')?.textContent,
      el.querySelector('.c-preview')?.textContent,
    ]);
    if (c === conn && preview?.endsWith(text)) found = handle;
  }
  if (!found) throw new Error(`no row on ${conn} shows "${text}"`);
  return found;
}

async function choose(conn: string, text: string, item: string) {
  await (await rowOn(conn, text)).click({ button: 'right' });
  const menuItem = await panel.waitForSelector(`::-p-aria(${item}[role="menuitem"])`);
  await menuItem!.click();
}

const details = () => panel.$eval('section[aria-label="Message details"]', (el) => (el as HTMLElement).innerText);
const selected = () =>
  panel.$eval('[role=listbox][aria-label=Messages] [role=option][aria-selected=true]', (el) => [
    el.querySelector('.c-conn')?.textContent,
    el.querySelector('.c-preview')?.textContent,
  ]);

describe.each(BROWSERS)('resend from the timeline in %s', (browser: BrowserName) => {
  beforeAll(async () => {
    first = await startFixtureServer();
    second = await startFixtureServer();
    harness = await launchHarness(browser);
    await harness.page.goto(first.page('/two.html', twoServersPage(first.wsOrigin, second.wsOrigin)));
    await harness.page.waitForFunction(() => (window as { __done?: boolean }).__done === true, { polling: 50, timeout: 20_000 });
    panel = await harness.openPanel();
    await waitForRowCount(panel, 5); // two creates, two opens, one message
  });

  afterAll(async () => {
    await harness?.close();
    await first?.close();
    await second?.close();
    harness = undefined;
  });

  it('sends a message of #1 again on #2: the second server gets it, and the new row leads back to the original', async () => {
    await choose('#1', 'order 66', 'Send again on #2');
    await receivedBy(second!, 'order 66');
    await waitForRowCount(panel, 7); // the injected send and the action's outcome
    await (await rowOn('#2', 'order 66')).click();
    await waitForPanel(panel, () =>
      /Resent from #1, message at \d\d:\d\d:\d\d\.\d{3}/.test(
        document.querySelector('section[aria-label="Message details"]')?.textContent ?? '',
      ),
    );
    await clickButton(panel, 'Go to original message');
    await waitForPanel(panel, () => {
      const row = document.querySelector('[role=listbox][aria-label=Messages] [role=option][aria-selected=true]');
      return row?.querySelector('.c-conn')?.textContent === '#1';
    });
    expect(await selected()).toEqual(['#1', 'order 66']);
    expect(await details()).not.toContain('Resent from');
  });

  it('edits the message in the composer and sends it: the first server gets the edit, and its row links back', async () => {
    await choose('#1', 'order 66', 'Edit and send');
    await waitForPanel(panel, () => {
      const editor = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Message"]');
      return editor !== null && editor.value === 'order 66' && document.activeElement === editor;
    });
    await harness!.keyboard().type(' (edited)');
    await clickButton(panel, 'Send to server');
    await receivedBy(first!, 'order 66 (edited)');
    await waitForRowCount(panel, 9);
    await (await rowOn('#1', 'order 66 (edited)')).click();
    await waitForPanel(panel, () =>
      (document.querySelector('section[aria-label="Message details"]')?.textContent ?? '').includes('Resent from #1, message at'),
    );
  });
});
