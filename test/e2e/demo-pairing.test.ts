/**
 * The demo chat's requests in the panel: every request the seed client sends with a `requestId` is paired
 * with its response and shows its latency; the demo's "Send unanswered request" shows as unanswered once
 * the client's 5 s timeout has passed; P jumps between a request and its response; Stats lists the
 * latency per request type. In the real Chromium DevTools panel and in firefox-esr's panel page.
 */
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoServer } from '../../demo/server/index.mjs';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { type ChromiumSession, launchChromium } from '../support/chromium';
import { shownRows } from '../support/decoded-rows';
import { startDemo, waitForDemoState } from '../support/demo';
import { type FirefoxSession, launchFirefox } from '../support/firefox';

type Panel = Frame | Page;

let demo: DemoServer;

beforeAll(async () => {
  demo = await startDemo({ rateLimit: false });
});

afterAll(async () => {
  await demo?.close();
});

/** Runs the demo's two request buttons: one answered, one the server never answers (the client gives up at 5 s). */
async function runRequests(page: Page): Promise<void> {
  await page.goto(`${demo.httpUrl}/?name=ada&room=lobby`);
  await waitForDemoState(page, 'open');
  await page.click('#user-data-btn');
  await page.waitForFunction(() => document.querySelector('#request-result')?.textContent?.includes('ada'), {
    polling: 50,
    timeout: 10_000,
  });
  await page.click('#no-reply-btn');
  await page.waitForFunction(() => /timeout/i.test(document.querySelector('#last-error')?.textContent ?? ''), {
    polling: 100,
    timeout: 15_000,
  });
}

async function checkPairs(panel: Panel): Promise<void> {
  let rows = await shownRows(panel);
  const deadline = Date.now() + 15_000;
  const noReply = () => rows.find((row) => row.text.includes('"noReply"'));
  while (noReply()?.pair !== 'unanswered' && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 250));
    rows = await shownRows(panel);
  }
  const requests = rows.filter(
    (row) => row.text.includes('"requestId"') && row.text.includes('"type":"') && !row.text.includes('"response"'),
  );
  expect(requests.length, rows.map((r) => `${r.decoded} | ${r.pair} | ${r.text}`).join('\n')).toBeGreaterThanOrEqual(2);
  const userData = rows.find((row) => row.text.includes('"getUserData"'));
  expect(userData?.pair).toMatch(/^→ [\d.,]+ (ms|s)$/);
  expect(userData?.decoded).toMatch(/^getUserData #req-\d+$/);
  expect(rows.some((row) => row.text.includes('"response"') && /^← [\d.,]+ (ms|s)$/.test(row.pair))).toBe(true);
  expect(noReply()?.pair).toBe('unanswered');
  // Every request the client sent with a requestId was paired: answered or unanswered, never blank.
  for (const row of rows.filter((r) => /"requestId":"req-/.test(r.text) && !r.text.includes('"type":"response"')))
    expect(row.pair, row.text).not.toBe('');
}

async function checkJumpAndStats(panel: Panel): Promise<void> {
  // Select the getUserData request, then P moves the selection to its response.
  await panel.evaluate(() => {
    const row = [...document.querySelectorAll('[role=listbox][aria-label=Messages] [role=option]')]
      .sort((a, b) => Number(a.getAttribute('aria-posinset')) - Number(b.getAttribute('aria-posinset')))
      .find((r) => r.textContent?.includes('"getUserData"')) as HTMLElement;
    row.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    row.click();
  });
  await panel.waitForSelector('.pair-facts button::-p-text(Go to response)');
  await panel.evaluate(() =>
    document
      .querySelector('[role=listbox][aria-label=Messages]')
      ?.dispatchEvent(new KeyboardEvent('keydown', { key: 'p', bubbles: true, cancelable: true })),
  );
  await panel.waitForFunction(
    () => document.querySelector('[role=listbox][aria-label=Messages] [aria-selected=true] .c-pair')?.textContent?.startsWith('←'),
    { polling: 50, timeout: 5_000 },
  );
  const tab = await panel.waitForSelector('[role=tab]::-p-text(Stats)');
  await tab!.click();
  const table = await panel.waitForSelector('table[aria-label="Latency by name"]');
  const text = await table!.evaluate((el) => el.textContent ?? '');
  expect(text).toContain('getUserData');
  expect(text).toContain('noReply');
  const noReplyUnanswered = await table!.evaluate((el) => {
    const row = [...el.querySelectorAll('tr')].find((tr) => tr.querySelector('th')?.textContent === 'noReply');
    return row?.querySelectorAll('td')[3]?.textContent;
  });
  expect(noReplyUnanswered).toBe('1');
}

describe('Chromium: the demo chat requests paired in the real DevTools panel', () => {
  let session: ChromiumSession;
  saveArtifactsOnFailure(() => session);
  beforeAll(async () => {
    session = await launchChromium();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('pairs every requestId request with its latency, marks the unanswered one, jumps with P, and lists latency per type', async () => {
    await runRequests(session.page);
    const panel = await session.openPanel();
    await checkPairs(panel);
    await checkJumpAndStats(panel);
  });
});

describe('Firefox: the demo chat requests paired in the panel page', () => {
  let session: FirefoxSession;
  saveArtifactsOnFailure(() => session);
  beforeAll(async () => {
    session = await launchFirefox();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('pairs every requestId request with its latency, marks the unanswered one, jumps with P, and lists latency per type', async () => {
    await runRequests(session.page);
    const panel = await session.openPanel();
    await panel.bringToFront();
    await checkPairs(panel);
    await checkJumpAndStats(panel);
  });
});
