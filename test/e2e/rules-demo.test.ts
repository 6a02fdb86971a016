/**
 * Message rules and breakpoints against the demo chat, driven from the panel's Rules tab as a user
 * would: in Chromium's real DevTools panel and in firefox-esr's panel page. What the server received is
 * read by a second chat client in the same room (the server relays each chat message to the room), and
 * what the app did is read from the demo page itself.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DemoServer } from '../../demo/server/index.mjs';
import { type Frame, TestClient } from '../demo/ws-client';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { BROWSERS, launchHarness, type PanelHarness } from '../support/browser-harness';
import { type ShownRow, shownRows } from '../support/decoded-rows';
import { startDemo, waitForDemoState } from '../support/demo';
import { clickButton, type PanelTarget, waitForPanel } from '../support/panel';

const ROOM = 'lobby';
/** The demo app gives up on a request after this long (`?timeout=`). */
const APP_TIMEOUT_MS = 1500;
/** Rules reach the page a few milliseconds after the panel shows them; this is far more than that. */
const RULES_REACH_PAGE_MS = 500;

let demo: DemoServer;
let session: PanelHarness | undefined;
let panel: PanelTarget;
let observer: TestClient;
/** Added to every text a test sends, so that each attempt (a retry too) sees only its own messages. */
let run = '';
let attempt = 0;

saveArtifactsOnFailure(() => session);
const page = (): Page => session!.page;

interface RuleSpec {
  url?: string;
  dir: 'send' | 'recv' | 'both';
  match: 'any' | 'contains' | 'json-equals';
  /** contains: the text; json-equals: [path, JSON value]. */
  matchArgs?: string | [string, string];
  action: 'delay' | 'drop' | 'replace' | 'mock' | 'hold' | 'latency';
  /** Action fields by their accessible name. */
  fields?: Record<string, string>;
}

const EDITOR = 'form[aria-label="Rule editor"]';

/** A control found by its accessible name, inside `scope` when given (the toolbar has a "Direction" too). */
async function control(name: string, scope?: string) {
  const root = scope ? await panel.waitForSelector(scope) : null;
  const selector = `::-p-aria(${name})`;
  const handle = root ? await root.waitForSelector(selector) : await panel.waitForSelector(selector);
  if (!handle) throw new Error(`no control named "${name}"`);
  return handle;
}

/**
 * Sets a field's text as typing would (one input event). Choosing a Match or an Action re-renders the
 * editor's fields, and a field found just before that re-render is replaced: the value is read back
 * from the field found anew, and set again until it holds.
 */
async function fill(name: string, value: string, scope?: string): Promise<void> {
  // With its role: Firefox's accessibility query would otherwise also match the field's <label>.
  const label = name.includes('[role=') ? name : `${name}[role="textbox"]`;
  for (let attempt = 1; ; attempt++) {
    const handle = await control(label, scope);
    await handle.evaluate((el, text) => {
      const input = el as HTMLInputElement | HTMLTextAreaElement;
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, value);
    await sleep(100);
    const now = await (await control(label, scope)).evaluate((el) => (el as HTMLInputElement).value);
    if (now === value) return;
    if (attempt >= 5) throw new Error(`the field "${label}" keeps "${now}", not "${value}"`);
  }
}

/** Chooses an option of one of the editor's selects by its value. */
async function choose(label: string, value: string): Promise<void> {
  const handle = await control(`${label}[role="combobox"]`, EDITOR);
  await handle.select(value);
}

async function openRulesTab(): Promise<void> {
  const tab = await panel.waitForSelector('[role=tab]::-p-text(Rules)');
  await tab!.click();
  await panel.waitForSelector('::-p-aria(Add rule[role="button"])');
}

const ruleCount = () => panel.$$eval('ul[aria-label="Message rules"] > li', (items) => items.length);

/** Adds a rule through the editor, as a user fills it in, and waits for it in the list. */
async function addRule(spec: RuleSpec): Promise<void> {
  await openRulesTab();
  const before = await ruleCount().catch(() => 0);
  await clickButton(panel, 'Add rule');
  await panel.waitForSelector(EDITOR);
  await fill('Socket URL contains', spec.url ?? '', EDITOR);
  await choose('Direction', spec.dir);
  await choose('Match', spec.match);
  if (spec.match === 'contains') await fill('Match text', spec.matchArgs as string, EDITOR);
  if (spec.match === 'json-equals') {
    const [path, value] = spec.matchArgs as [string, string];
    await fill('JSON path', path, EDITOR);
    await fill('JSON value', value, EDITOR);
  }
  await choose('Action', spec.action);
  for (const [label, value] of Object.entries(spec.fields ?? {})) await fill(label, value, EDITOR);
  await clickButton(panel, 'Save rule');
  await panel.waitForFunction(
    (n: number) => document.querySelectorAll('ul[aria-label="Message rules"] > li').length === n,
    { polling: 50, timeout: 10_000 },
    before + 1,
  );
  // The list goes panel → background → relay → page, and the panel does not wait for the page to take it:
  // give it the moment a user would take before acting.
  await sleep(RULES_REACH_PAGE_MS);
}

async function deleteAllRules(): Promise<void> {
  await openRulesTab();
  while ((await panel.$$('ul[aria-label="Message rules"] > li')).length > 0) await clickButton(panel, 'Delete rule 1');
}

/** Drops whatever a failed test left held: later sends of that socket would otherwise wait behind it. */
async function releaseHolds(): Promise<void> {
  while ((await panel.$('[role=region][aria-label="Paused messages"]')) !== null) {
    await clickButton(panel, 'Drop message');
    await sleep(200);
  }
}

/** Polls the timeline until a row satisfies `test`. */
async function waitForRow(test: (row: ShownRow) => boolean, what: string, timeout = 20_000): Promise<ShownRow> {
  const until = Date.now() + timeout;
  for (;;) {
    const shown = await shownRows(panel);
    const found = shown.find(test);
    if (found) return found;
    if (Date.now() > until)
      throw new Error(`no row ${what}; rows:\n${shown.map((r) => `${r.fx} | ${r.pair} | ${r.text.slice(0, 100)}`).join('\n')}`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

/** The demo's chat form, as a user sends a message to the active room. */
async function sendChat(text: string): Promise<void> {
  await page().evaluate((value) => {
    const input = document.querySelector('#message-input') as HTMLInputElement;
    input.value = value;
    (document.querySelector('#chat-form') as HTMLFormElement).requestSubmit();
  }, text);
}

/** Clicks a demo button from a script: in Firefox the panel's tab is in front, and the page's stays in the background. */
async function clickInDemo(selector: string): Promise<void> {
  await page().$eval(selector, (button) => (button as HTMLButtonElement).click());
}

const chatsSeen = (text: string) => observer.frames.filter((f: Frame) => f.type === 'chat' && f.text === text).length;

async function waitUntil(check: () => boolean, what: string, timeout = 10_000): Promise<void> {
  const until = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe.each(BROWSERS)('message rules on the demo chat in %s', (browser) => {
  beforeAll(async () => {
    demo = await startDemo({ rateLimit: false });
    observer = await TestClient.join(demo.url, 'observer');
    observer.send({ type: 'joinRoom', roomId: ROOM });
    await observer.next('joined');
    session = await launchHarness(browser);
    await page().goto(`${demo.httpUrl}/?name=ada&room=${ROOM}&timeout=${APP_TIMEOUT_MS}`);
    await waitForDemoState(page(), 'open');
    await page().waitForFunction(() => document.querySelector('#active-room')?.textContent === 'lobby', { polling: 50 });
    panel = await session.openPanel();
    if (browser === 'Firefox') await (panel as Page).bringToFront();
  });

  afterAll(async () => {
    await session?.close();
    session = undefined;
    await observer?.close();
    await demo?.close();
  });

  beforeEach(() => {
    // A retry must not count what its failed attempt already sent.
    run = `#${++attempt}`;
  });

  afterEach(async () => {
    if (session) await releaseHolds();
    if (session) await deleteAllRules();
  });

  it('a drop rule on outgoing chat messages: the server never receives them, and the row says dropped', async () => {
    await addRule({ dir: 'send', match: 'json-equals', matchArgs: ['type', '"sendToRoom"'], action: 'drop' });
    await sendChat(`drop me please ${run}`);
    await waitForRow((r) => r.text.includes(`drop me please ${run}`) && r.fx === 'dropped', 'dropped');
    await sleep(1000);
    expect(chatsSeen(`drop me please ${run}`)).toBe(0);
    await deleteAllRules();
    await sendChat(`after the drop rule ${run}`);
    await waitUntil(() => chatsSeen(`after the drop rule ${run}`) === 1, 'the next chat to reach the server');
  });

  it('a rewrite rule changes an incoming chat message, and the app shows the rewritten text', async () => {
    await addRule({
      dir: 'recv',
      match: 'contains',
      matchArgs: 'rewrite me',
      action: 'replace',
      fields: { Find: 'rewrite me', 'Replace with': 'rewritten by SocketScope' },
    });
    observer.send({ type: 'sendToRoom', roomId: ROOM, text: `please rewrite me ${run}` });
    const rewritten = `please rewritten by SocketScope ${run}`;
    await page().waitForFunction(
      (text: string) => [...document.querySelectorAll('#messages li')].some((li) => li.textContent?.includes(text)),
      { polling: 50, timeout: 10_000 },
      rewritten,
    );
    const shownByApp = await page().$$eval('#messages li', (items) => items.map((li) => li.textContent ?? ''));
    expect(shownByApp.some((t) => t.includes(`please rewrite me ${run}`))).toBe(false);
    await waitForRow((r) => r.text.includes(rewritten) && r.fx === 'rewritten', 'rewritten');
  });

  it('a breakpoint holds an outgoing message; edited and forwarded, the server gets the edit in order with what followed', async () => {
    await addRule({ dir: 'send', match: 'contains', matchArgs: 'hold me', action: 'hold' });
    await sendChat(`hold me here ${run}`);
    await sendChat(`sent after the held one ${run}`);
    const paused = await panel.waitForSelector('::-p-aria(Paused messages[role="region"])', { timeout: 10_000 });
    expect(paused).not.toBeNull();
    await sleep(500);
    expect(chatsSeen(`hold me here ${run}`) + chatsSeen(`sent after the held one ${run}`)).toBe(0);
    await fill('Held message text', JSON.stringify({ type: 'sendToRoom', roomId: ROOM, text: `edited at the breakpoint ${run}` }));
    await clickButton(panel, 'Forward edited');
    await waitUntil(() => chatsSeen(`sent after the held one ${run}`) === 1, 'the message queued behind the hold');
    const texts = observer.frames.filter((f) => f.type === 'chat').map((f) => f.text);
    const edited = texts.indexOf(`edited at the breakpoint ${run}`);
    expect(edited).toBeGreaterThanOrEqual(0);
    expect(edited).toBeLessThan(texts.indexOf(`sent after the held one ${run}`));
    expect(chatsSeen(`hold me here ${run}`)).toBe(0);
    await waitForRow((r) => r.text.includes(`edited at the breakpoint ${run}`) && r.fx === 'held → edited', 'held → edited');
    await waitForPanel(panel, () => document.querySelector('[role=region][aria-label="Paused messages"]') === null, 10_000);
  });

  it('a delay rule on responses longer than the app timeout: the app reports "Request timeout" and the panel marks the request unanswered', async () => {
    // The panel's own request timeout is 5 s (Stats); the response waits 9 s, so the request is unanswered in between.
    await addRule({
      dir: 'recv',
      match: 'json-equals',
      matchArgs: ['type', '"response"'],
      action: 'delay',
      fields: { 'Delay (ms)': '9000' },
    });
    await clickInDemo('#user-data-btn');
    await page().waitForFunction(() => /Request timeout/.test(document.querySelector('#request-status')?.textContent ?? ''), {
      polling: 50,
      timeout: 10_000,
    });
    await waitForRow((r) => r.text.includes('"getUserData"') && r.pair === 'unanswered', 'getUserData unanswered', 15_000);
    // The response still arrives, late and marked: nothing was lost.
    await waitForRow((r) => r.text.includes('"response"') && /^delayed \d+ ms$/.test(r.fx), 'the delayed response', 15_000);
  });

  it('a mock response answers a request that the server never saw', async () => {
    await addRule({
      dir: 'send',
      match: 'json-equals',
      matchArgs: ['type', '"getUserData"'],
      action: 'mock',
      fields: { 'Response template': '{"type":"response","requestId":{{requestId}},"data":{"name":"mocked user"}}' },
    });
    await clickInDemo('#user-data-btn');
    await page().waitForFunction(() => document.querySelector('#request-result')?.textContent?.includes('mocked user'), {
      polling: 50,
      timeout: 10_000,
    });
    const request = await waitForRow((r) => r.text.includes('"getUserData"') && r.fx === 'mocked (not sent)', 'the mocked request');
    const id = /"requestId":"(req-\d+)"/.exec(request.text)?.[1];
    expect(id).toBeTruthy();
    await waitForRow((r) => r.fx === 'mock reply' && r.text.includes(id!), 'the mock reply');
    // The server answers getUserData within milliseconds when it sees one: no real answer came.
    await sleep(1000);
    const answers = (await shownRows(panel)).filter((r) => r.text.includes('"response"') && r.text.includes(`"${id}"`));
    expect(answers.map((r) => r.fx)).toEqual(['mock reply']);
  });

  it('connection-wide latency delays every message by the configured time, as measured in the page', async () => {
    const roundTrip = () =>
      page().evaluate(async (url: string) => {
        const ws = new WebSocket(url);
        await new Promise((done) => ws.addEventListener('open', done, { once: true }));
        const times: number[] = [];
        for (let i = 0; i < 3; i++) {
          const started = performance.now();
          const echoed = new Promise((done) => ws.addEventListener('message', done, { once: true }));
          ws.send(`latency probe ${i}`);
          await echoed;
          times.push(performance.now() - started);
        }
        ws.close();
        return times;
      }, demo.echoUrl);
    const before = await roundTrip();
    expect(Math.max(...before)).toBeLessThan(300);
    await addRule({ url: '/echo', dir: 'both', match: 'any', action: 'latency', fields: { 'Latency (ms)': '300' } });
    const after = await roundTrip();
    // 300 ms on the way out and 300 ms on the way back, for every message.
    for (const time of after) expect(time).toBeGreaterThanOrEqual(600);
  });

  it('"Edit and send" of a captured message reaches the server', async () => {
    await sendChat(`original for edit and send ${run}`);
    await waitUntil(() => chatsSeen(`original for edit and send ${run}`) === 1, 'the original chat');
    const row = await waitForRow((r) => r.text.includes(`original for edit and send ${run}`), 'the sent chat');
    const handle = await panel.$(`#${row.id}`);
    await handle!.click({ button: 'right' });
    const item = await panel.waitForSelector('::-p-aria(Edit and send[role="menuitem"])');
    await item!.click();
    await panel.waitForFunction(
      (text: string) => document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Message"]')?.value.includes(text),
      { polling: 50, timeout: 10_000 },
      `original for edit and send ${run}`,
    );
    await fill('Message', JSON.stringify({ type: 'sendToRoom', roomId: ROOM, text: `edited and sent from the panel ${run}` }));
    await clickButton(panel, 'Send to server');
    await waitUntil(() => chatsSeen(`edited and sent from the panel ${run}`) === 1, 'the edited chat to reach the server');
    await waitForRow((r) => r.text.includes(`edited and sent from the panel ${run}`) && r.fx === 'resent', 'the resent row');
  });
});
