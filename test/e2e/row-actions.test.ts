/**
 * Row actions, the same cases in the real Chromium DevTools panel and in firefox-esr's panel page
 * (opened in a tab, as details-find.test.ts does): the menu by right-click, Shift+F10 and the Menu key,
 * copy as text (read back from the system clipboard), filter to and hide a connection, a connection
 * copied as a Node script that, run with `node`, makes a fixture server receive exactly what the page
 * sent, and send again / edit and send (last: they add sends to the connection). Firefox also checks
 * that its own page context menu never opens over the row menu.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ElementHandle, Keyboard, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_CHROME_SCOPE } from '../../scripts/firefox-chrome-scope.mjs';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { type ChromiumSession, launchChromium } from '../support/chromium';
import { type FirefoxSession, launchFirefox } from '../support/firefox';
import {
  clickButton,
  filterConnection,
  messageRows,
  type PanelTarget,
  readTimeline,
  waitForPanel,
  waitForRowCount,
} from '../support/panel';
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

/** One browser's side of the suite: the inspected page, the panel, its keyboard and the system clipboard. */
interface Harness {
  /** The inspected page (the fixture page is loaded in it). */
  page: Page;
  /** Opens the panel for the page once it has run its sockets. */
  openPanel(): Promise<PanelTarget>;
  /** The keyboard that types into the panel. */
  keyboard(): Keyboard;
  /** Presses the Menu (ContextMenu) key in the panel. */
  pressMenuKey(): Promise<void>;
  readClipboard(): Promise<string>;
  /** Why the Menu key and the clipboard cannot be used in this browser (they need Firefox's chrome scope), or null. */
  chromeLimit: string | null;
  saveFailure(name: string): Promise<string>;
  close(): Promise<void>;
}

let server: FixtureServer | undefined;
let harness: Harness | undefined;
let panel: PanelTarget;
let scripts: string;
/** What the server received from the page itself, before any replay. */
let original: { data: Buffer; binary: boolean }[];

const fixture = () => server!;

const row = async (text: string): Promise<ElementHandle<Element>> => {
  const rows = await messageRows(panel);
  for (const handle of rows) if ((await handle.evaluate((el) => el.textContent ?? '')).includes(text)) return handle;
  throw new Error(`no row shows "${text}"`);
};
const menuItems = () => panel.$$eval('[role=menu][aria-label="Row actions"] [role=menuitem]', (els) => els.map((el) => el.textContent));
const focused = () => panel.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');
/** Waits for the menu's status line to report `text` (it clears itself after a few seconds). */
const actionStatus = (text: string) =>
  panel.waitForFunction(
    (text: string) => document.querySelector('.row-action-status')?.textContent === text,
    { polling: 50, timeout: 10_000 },
    text,
  );

async function rightClickRow(text: string) {
  await (await row(text)).click({ button: 'right' });
  await panel.waitForSelector('[role=menu][aria-label="Row actions"]');
}

async function choose(name: string) {
  const item = await panel.waitForSelector(`::-p-aria(${name}[role="menuitem"])`);
  await item!.click();
}

/**
 * Polls the clipboard until `check` accepts its text. A read may be refused for a moment (Chromium's
 * "Document is not focused" while the page's window comes to the front on a loaded machine): that
 * counts as not yet.
 */
async function waitForClipboard(check: (text: string) => boolean, timeout = 10_000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    let text = '';
    let refused = '';
    try {
      text = await harness!.readClipboard();
      if (check(text)) return text;
    } catch (error) {
      refused = String(error);
    }
    if (Date.now() > deadline) {
      throw new Error(
        refused ? `the clipboard could not be read: ${refused}` : `the clipboard holds ${JSON.stringify(text.slice(0, 200))}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitUntil(check: () => boolean | Promise<boolean>, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

saveArtifactsOnFailure(() => harness);

beforeAll(async () => {
  scripts = await mkdtemp(join(tmpdir(), 'socketscope-replay-'));
});

afterAll(async () => {
  await rm(scripts, { recursive: true, force: true });
});

/** The row menu's cases, run against the panel that `launch` gives, with a fresh fixture server. */
function rowActionCases(launch: (server: FixtureServer) => Promise<Harness>) {
  beforeAll(async () => {
    server = await startFixtureServer();
    harness = await launch(server);
    await harness.page.goto(server.page('/rows.html', fixturePage(server.wsOrigin)));
    await harness.page.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true, {
      polling: 50,
      timeout: 20_000,
    });
    original = server.received.filter((m) => !m.data.equals(Buffer.from('from the other socket')));
    expect(original).toHaveLength(3);
    panel = await harness.openPanel();
    await waitForRowCount(panel, 9);
  });

  afterAll(async () => {
    await harness?.close();
    await server?.close();
    harness = undefined;
    server = undefined;
  });

  it('opens the menu with a right-click, Shift+F10 and the Menu key, moves with the arrows, and Escape returns to the timeline', async (ctx) => {
    if (harness!.chromeLimit) ctx.skip(harness!.chromeLimit);
    await rightClickRow('first message');
    expect(await menuItems()).toContain('Copy connection as Node script');
    expect(await focused()).toBe('Copy as text');
    await (await panel.$('[role=menuitem]'))!.press('Escape');
    await waitForPanel(panel, () => document.querySelector('[role=menu]') === null);
    expect(await focused()).toBe('Messages');

    const list = (await panel.$('[role=listbox][aria-label=Messages]'))!;
    await list.press('ArrowDown');
    const keyboard = harness!.keyboard();
    await keyboard.down('Shift');
    await keyboard.press('F10');
    await keyboard.up('Shift');
    await panel.waitForSelector('[role=menu][aria-label="Row actions"]');
    await keyboard.press('ArrowDown');
    expect(await focused()).toBe('Copy as JSON');
    await keyboard.press('Escape');
    await waitForPanel(panel, () => document.querySelector('[role=menu]') === null);
    expect(await focused()).toBe('Messages');

    // The Menu key opens it too, on the selected row: its connection is the one offered.
    await harness!.pressMenuKey();
    await panel.waitForSelector('[role=menu][aria-label="Row actions"]');
    expect(await focused()).toBe('Copy as text');
    expect(await menuItems()).toContain('Filter to connection #1');
    await keyboard.press('Escape');
    await waitForPanel(panel, () => document.querySelector('[role=menu]') === null);
    expect(await focused()).toBe('Messages');
  });

  it('opens the menu from the row’s ⋮ button and copies the payload as text', async (ctx) => {
    if (harness!.chromeLimit) ctx.skip(harness!.chromeLimit);
    // The ⋮ is a pointer affordance (hidden from assistive technology, which has Shift+F10): found by its tooltip.
    const button = await (await row('first message')).$('[title="Row actions"]');
    await button!.click();
    await choose('Copy as text');
    expect(await waitForClipboard((text) => text === 'first message')).toBe('first message');
    await actionStatus('Copied as text.');
  });

  it('filters to a row’s connection, and hides a connection until shown again', async () => {
    await rightClickRow('from the other socket');
    await choose('Filter to connection #2');
    await waitForRowCount(panel, 4);
    expect(new Set((await readTimeline(panel)).map((r) => r.conn))).toEqual(new Set(['#2']));
    await actionStatus('Showing only connection #2.');
    await filterConnection(panel, 'all');
    await waitForRowCount(panel, 9);

    await rightClickRow('from the other socket');
    await choose('Hide connection #2');
    await waitForRowCount(panel, 5);
    expect(new Set((await readTimeline(panel)).map((r) => r.conn))).toEqual(new Set(['#1']));
    await actionStatus('Connection #2 hidden.');
    await clickButton(panel, 'Show hidden connections');
    await waitForRowCount(panel, 9);
  });

  it('copies a connection as a Node script that makes the server receive exactly what the page sent, in order', async (ctx) => {
    if (harness!.chromeLimit) ctx.skip(harness!.chromeLimit);
    await rightClickRow('first message');
    await choose('Copy connection as Node script');
    const script = await waitForClipboard((text) => text.includes("require('ws')"));
    expect(script).toContain('const protocols = ["chat.v1", "chat.v2"];');
    await actionStatus('Copied connection #1 as a Node script (3 messages).');
    const file = join(scripts, 'replay.js');
    await writeFile(file, script);
    const received = fixture().received;
    received.length = 0;
    const started = Date.now();
    const { stdout } = await promisify(execFile)(process.execPath, [file], {
      cwd: ROOT,
      env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
      timeout: 20_000,
    });
    expect(stdout).toContain('closed with code 1000 after 3 messages');
    expect(received.map((m) => m.binary)).toEqual([false, true, false]);
    expect(received.map((m) => m.data.toString('hex'))).toEqual(original.map((m) => m.data.toString('hex')));
    expect(Date.now() - started).toBeGreaterThanOrEqual(200); // the captured spacing: 120 ms, then 80 ms
  });

  it('sends a message again on its own connection, and edits one in the composer before sending', async () => {
    const firstCount = () => fixture().received.filter((m) => m.data.toString() === 'first message').length;
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
    await harness!.keyboard().type(' (edited)');
    await clickButton(panel, 'Send to server');
    await waitUntil(() => fixture().received.some((m) => m.data.toString() === 'first message (edited)'));
  });
}

describe('row actions in Chromium’s DevTools panel', () => {
  rowActionCases(async (server) => {
    const session: ChromiumSession = await launchChromium();
    await session.browser.defaultBrowserContext().overridePermissions(server.origin, ['clipboard-read', 'clipboard-write']);
    return {
      page: session.page,
      openPanel: () => session.openPanel(),
      keyboard: () => session.devtools!.keyboard,
      pressMenuKey: () => session.devtools!.keyboard.press('ContextMenu'),
      // The page may be granted clipboard access; reading needs a focused document, so its window comes to the front.
      async readClipboard() {
        await session.page.bringToFront();
        return session.page.evaluate(() => navigator.clipboard.readText());
      },
      chromeLimit: null,
      saveFailure: (name) => session.saveFailure(name),
      close: () => session.close(),
    };
  });
});

describe('row actions in firefox-esr’s panel page (opened in a tab)', () => {
  let firefox: FirefoxSession;

  rowActionCases(async () => {
    firefox = await launchFirefox();
    const session = firefox;
    let panelPage: Page | undefined;
    return {
      page: session.page,
      async openPanel() {
        const probe = await session.openExtensionPage('/src/panel/panel.html?tabId=0');
        const tabId = await session.tabIdOf(session.page, probe);
        await probe.close();
        panelPage = await session.openExtensionPage(`/src/panel/panel.html?tabId=${tabId}`);
        if (session.chromeScope) await session.browserContextMenus(); // counts from here on
        return panelPage;
      },
      keyboard: () => panelPage!.keyboard,
      pressMenuKey: () => session.pressMenuKey(),
      readClipboard: () => session.readClipboard(),
      chromeLimit: session.chromeScope ? null : NO_CHROME_SCOPE,
      saveFailure: (name) => session.saveFailure(name),
      close: () => session.close(),
    };
  });

  it('never shows Firefox’s own context menu over the row menu, even for a right-click on the open menu', async (ctx) => {
    if (!firefox.chromeScope) ctx.skip(NO_CHROME_SCOPE);
    // The right-clicks on rows in the cases above opened the row menu only.
    expect(await firefox.browserContextMenus()).toBe(0);
    await rightClickRow('first message');
    const item = await panel.waitForSelector('::-p-aria(Copy as text[role="menuitem"])');
    await item!.click({ button: 'right' });
    expect(await menuItems()).toContain('Copy as text'); // still open
    await item!.press('Escape');
    await waitForPanel(panel, () => document.querySelector('[role=menu]') === null);
    // Outside the timeline a right-click is the browser's, and the counter sees its menu. The tab's
    // events reach the browser in order, so a menu from the right-click above would be counted first.
    await (await panel.$('section[aria-label=Connections]'))!.click({ button: 'right' });
    await waitUntil(async () => (await firefox.browserContextMenus()) >= 1);
    expect(await firefox.browserContextMenus()).toBe(1);
  });
});
