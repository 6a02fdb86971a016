/**
 * The add-on in firefox-esr: capture of a fixture page (text, binary, close), the panel page opened
 * in a tab with ?tabId showing it, inject send and drop against the demo chat, and a row's menu
 * filtering to its connection. Export and import in Firefox are in export-import.test.ts.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { DemoServer } from '../../demo/server/index.mjs';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { sleep } from '../support/chromium';
import { demoText, startDemo, waitForDemoState } from '../support/demo';
import { type FirefoxSession, launchFirefox } from '../support/firefox';
import { messageRows, openActions } from '../support/panel';

let demo: DemoServer;
let session: FirefoxSession;
let panel: Page;
const heard: string[] = [];

async function button(name: string) {
  const handle = await panel.waitForSelector(`::-p-aria(${name}[role="button"])`);
  await handle!.click();
}

async function fill(label: string, text: string) {
  await panel.$eval(
    `[aria-label="${label}"]`,
    (el, value) => {
      const field = el as HTMLTextAreaElement;
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    },
    text,
  );
}

const rowsText = () => panel.$eval('[role=listbox][aria-label=Messages]', (el) => el.textContent ?? '');

beforeAll(async () => {
  demo = await startDemo({ rateLimit: false });
  session = await launchFirefox();
  const listener = new WebSocket(demo.url);
  listener.on('message', (data) => heard.push(String(data)));
  await new Promise((resolve) => listener.once('open', resolve));
  listener.send(JSON.stringify({ type: 'joinRoom', roomId: 'lobby' }));
  await session.page.goto(`${demo.httpUrl}/?name=fox&room=lobby&backoff=200`);
  await waitForDemoState(session.page, 'open');
  // A binary frame and its relay, so the capture has text and binary both ways.
  await session.page.evaluate(() => {
    const ws = new window.WebSocket(`${location.origin.replace('http', 'ws')}/echo`);
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => ws.send(new Uint8Array([7, 8, 9]));
    ws.onmessage = () => ws.close(4002, 'echo done');
  });
  panel = await session.openPanel();
  await panel.waitForFunction(
    () => (document.querySelector('[role=listbox][aria-label=Messages]')?.textContent ?? '').includes('close 4002'),
    {
      polling: 100,
      timeout: 20_000,
    },
  );
});

saveArtifactsOnFailure(() => session);

afterAll(async () => {
  await session?.close();
  await demo?.close();
});

describe('Firefox', () => {
  it('the panel page in a tab shows the capture: text, binary and close', async () => {
    const text = await rowsText();
    expect(text).toContain('"type":"welcome"'); // a received text frame of the chat
    expect(text).toContain('07 08 09'); // the binary frame, sent and echoed
    expect(text).toContain('close 4002');
    expect(text).toContain('echo done');
    const connections = await panel.$eval('section[aria-label=Connections]', (el) => el.textContent ?? '');
    expect(connections).toContain(`${demo.url}`);
  });

  it('injects a send that the server really receives', async () => {
    await openActions(panel);
    await panel.select('[aria-label="Target connection"]', await chatConnectionValue());
    await fill('Message', JSON.stringify({ type: 'sendToRoom', roomId: 'lobby', text: 'from firefox panel' }));
    await button('Send to server');
    const deadline = Date.now() + 10_000;
    while (!heard.some((m) => m.includes('from firefox panel'))) {
      if (Date.now() > deadline) throw new Error('the server never relayed the injected message');
      await sleep(50);
    }
  });

  it('drops the connection: the app sees a network loss and reconnects', async () => {
    await panel.select('[aria-label="Target connection"]', await chatConnectionValue());
    await button('Drop connection');
    await session.page.waitForFunction(() => Number(document.querySelector('#total-retries')?.textContent) >= 1, {
      polling: 50,
      timeout: 20_000,
    });
    await waitForDemoState(session.page, 'open');
    expect(await demoText(session.page, 'log')).toMatch(/1006/);
  });

  it('opens a row’s menu with a right-click and filters to that row’s connection', async () => {
    const rows = await messageRows(panel);
    let binary: (typeof rows)[number] | undefined;
    for (const row of rows) if ((await row.evaluate((el) => el.textContent ?? '')).includes('07 08 09')) binary = row;
    if (!binary) throw new Error('no row shows the binary frame');
    const ordinal = await binary.$eval('.c-conn', (el) => el.textContent ?? '');
    await binary.click({ button: 'right' });
    const item = await panel.waitForSelector(`::-p-aria(Filter to connection ${ordinal}[role="menuitem"])`);
    await item!.click();
    await panel.waitForFunction(
      (ordinal: string) => {
        const conns = [...document.querySelectorAll('[role=listbox][aria-label=Messages] [role=option] .c-conn')].map(
          (el) => el.textContent,
        );
        return conns.length > 0 && conns.every((c) => c === ordinal);
      },
      { polling: 100, timeout: 10_000 },
      ordinal,
    );
    expect(await panel.$eval('select[aria-label=Connection]', (el) => (el as HTMLSelectElement).value)).not.toBe('all');
    expect(await rowsText()).toContain('close 4002'); // that connection's own rows are all there
    await panel.select('select[aria-label=Connection]', 'all');
  });
});

/** The option of the target picker for the newest open chat socket (the demo reconnects, so ids change). */
async function chatConnectionValue(): Promise<string> {
  await panel.waitForSelector('[aria-label="Target connection"]');
  return panel.$eval('[aria-label="Target connection"]', (select) => {
    const options = [...(select as HTMLSelectElement).options].filter((o) => o.textContent?.includes('/ws') && !o.disabled);
    return options.at(-1)?.value ?? '';
  });
}
