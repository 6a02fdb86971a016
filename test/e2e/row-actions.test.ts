/**
 * Row actions in the real Chromium DevTools panel: the menu by mouse and by keyboard, copy as text
 * (read back from the system clipboard), filter to and hide a connection, a connection copied as a
 * Node script that, run with `node`, makes a fixture server receive exactly what the page sent, and
 * send again / edit and send (last: they add sends to the connection).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ElementHandle, Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { type ChromiumSession, launchChromium } from '../support/chromium';
import { clickButton, filterConnection, readTimeline, waitForPanel, waitForRowCount } from '../support/panel';
import { ROOT } from '../support/paths';
import { type FixtureServer, startFixtureServer } from '../support/servers';

/** Sent by the page on the sink connection: text, binary, and a text that tries to break out of a script. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder is one of the attacks
const HOSTILE = 'quote " apostrophe \' backtick ` ${globalThis.x} </script> \u2028 \u2029 lone \ud800 NUL \0 $(id) \\ end';

function fixturePage(wsOrigin: string): string {
  return `<!doctype html><html><head><script>
  const once = (ws, type) => new Promise((resolve) => ws.addEventListener(type, resolve, { once: true }));
  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  (async () => {
    const sink = new WebSocket('${wsOrigin}/sink', ['chat.v1', 'chat.v2']);
    await once(sink, 'open');
    sink.send('first message');
    await wait(120);
    sink.send(new Uint8Array([0, 1, 2, 255, 128]));
    await wait(80);
    sink.send(${JSON.stringify(HOSTILE).replaceAll('<', '\\u003c')});
    const other = new WebSocket('${wsOrigin}/echo');
    await once(other, 'open');
    other.send('from the other socket');
    await once(other, 'message');
    window.__done = true;
  })();
  </script></head><body>row actions</body></html>`;
}

let server: FixtureServer;
let session: ChromiumSession;
let panel: Frame;
let scripts: string;
/** What the server received from the page itself, before any replay. */
let original: { data: Buffer; binary: boolean }[];

const row = async (text: string): Promise<ElementHandle<Element>> => {
  const rows = await panel.$$('[role=listbox][aria-label=Messages] [role=option]');
  for (const handle of rows) if ((await handle.evaluate((el) => el.textContent ?? '')).includes(text)) return handle;
  throw new Error(`no row shows "${text}"`);
};
const menuItems = () => panel.$$eval('[role=menu][aria-label="Row actions"] [role=menuitem]', (els) => els.map((el) => el.textContent));
const focused = () => panel.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');

async function rightClickRow(text: string) {
  await (await row(text)).click({ button: 'right' });
  await panel.waitForSelector('[role=menu][aria-label="Row actions"]');
}

async function choose(name: string) {
  const item = await panel.waitForSelector(`::-p-aria(${name}[role="menuitem"])`);
  await item!.click();
}

/**
 * Reads the system clipboard from the inspected page, where a test may grant itself clipboard access
 * (reading needs a focused document: the page's window is brought to the front for it).
 */
async function readClipboard(): Promise<string> {
  await session.page.bringToFront();
  return session.page.evaluate(() => navigator.clipboard.readText());
}

async function waitForClipboard(check: (text: string) => boolean, timeout = 10_000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = await readClipboard();
    if (check(text)) return text;
    if (Date.now() > deadline) throw new Error(`the clipboard holds ${JSON.stringify(text.slice(0, 200))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitUntil(check: () => boolean, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  server = await startFixtureServer();
  scripts = await mkdtemp(join(tmpdir(), 'socketscope-replay-'));
  session = await launchChromium();
  await session.browser.defaultBrowserContext().overridePermissions(server.origin, ['clipboard-read', 'clipboard-write']);
  await session.page.goto(server.page('/rows.html', fixturePage(server.wsOrigin)));
  await session.page.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true, { polling: 50, timeout: 20_000 });
  original = server.received.filter((m) => !m.data.equals(Buffer.from('from the other socket')));
  expect(original).toHaveLength(3);
  panel = await session.openPanel();
  await waitForRowCount(panel, 9);
});

saveArtifactsOnFailure(() => session);

afterAll(async () => {
  await session?.close();
  await server?.close();
  await rm(scripts, { recursive: true, force: true });
});

describe('row actions', () => {
  it('opens the menu with a right-click and with Shift+F10, moves with the arrows, and Escape returns to the timeline', async () => {
    await rightClickRow('first message');
    expect(await menuItems()).toContain('Copy connection as Node script');
    expect(await focused()).toBe('Copy as text');
    await (await panel.$('[role=menuitem]'))!.press('Escape');
    await waitForPanel(panel, () => document.querySelector('[role=menu]') === null);
    expect(await focused()).toBe('Messages');

    const list = (await panel.$('[role=listbox][aria-label=Messages]'))!;
    await list.press('ArrowDown');
    const dt = session.devtools!;
    await dt.keyboard.down('Shift');
    await dt.keyboard.press('F10');
    await dt.keyboard.up('Shift');
    await panel.waitForSelector('[role=menu][aria-label="Row actions"]');
    await dt.keyboard.press('ArrowDown');
    expect(await focused()).toBe('Copy as JSON');
    await dt.keyboard.press('Escape');
    await waitForPanel(panel, () => document.querySelector('[role=menu]') === null);
    expect(await focused()).toBe('Messages');
  });

  it('opens the menu from the row’s ⋮ button and copies the payload as text', async () => {
    // The ⋮ is a pointer affordance (hidden from assistive technology, which has Shift+F10): found by its tooltip.
    const button = await (await row('first message')).$('[title="Row actions"]');
    await button!.click();
    await choose('Copy as text');
    expect(await waitForClipboard((text) => text === 'first message')).toBe('first message');
    await waitForPanel(panel, () => document.querySelector('.row-action-status')?.textContent === 'Copied as text.');
  });

  it('filters to a row’s connection, and hides a connection until shown again', async () => {
    await rightClickRow('from the other socket');
    await choose('Filter to connection #2');
    await waitForRowCount(panel, 4);
    expect(new Set((await readTimeline(panel)).map((r) => r.conn))).toEqual(new Set(['#2']));
    await filterConnection(panel, 'all');
    await waitForRowCount(panel, 9);

    await rightClickRow('from the other socket');
    await choose('Hide connection #2');
    await waitForRowCount(panel, 5);
    expect(new Set((await readTimeline(panel)).map((r) => r.conn))).toEqual(new Set(['#1']));
    await clickButton(panel, 'Show hidden connections');
    await waitForRowCount(panel, 9);
  });

  it('copies a connection as a Node script that makes the server receive exactly what the page sent, in order', async () => {
    await rightClickRow('first message');
    await choose('Copy connection as Node script');
    const script = await waitForClipboard((text) => text.includes("require('ws')"));
    expect(script).toContain('const protocols = ["chat.v1", "chat.v2"];');
    const file = join(scripts, 'replay.js');
    await writeFile(file, script);
    server.received.length = 0;
    const started = Date.now();
    const { stdout } = await promisify(execFile)(process.execPath, [file], {
      cwd: ROOT,
      env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
      timeout: 20_000,
    });
    expect(stdout).toContain('closed with code 1000 after 3 messages');
    expect(server.received.map((m) => m.binary)).toEqual([false, true, false]);
    expect(server.received.map((m) => m.data.toString('hex'))).toEqual(original.map((m) => m.data.toString('hex')));
    expect(Date.now() - started).toBeGreaterThanOrEqual(200); // the captured spacing: 120 ms, then 80 ms
  });

  it('sends a message again on its own connection, and edits one in the composer before sending', async () => {
    const firstCount = () => server.received.filter((m) => m.data.toString() === 'first message').length;
    const before = firstCount();
    await rightClickRow('first message');
    await choose('Send again');
    await waitUntil(() => firstCount() === before + 1);

    await rightClickRow('first message');
    await choose('Edit and send');
    await waitForPanel(panel, () => {
      const editor = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Message"]');
      return editor !== null && editor.value === 'first message' && document.activeElement === editor;
    });
    await session.devtools!.keyboard.type(' (edited)');
    await clickButton(panel, 'Send to server');
    await waitUntil(() => server.received.some((m) => m.data.toString() === 'first message (edited)'));
  });
});
