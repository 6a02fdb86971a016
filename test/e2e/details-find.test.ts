/**
 * The Details pane's find box, in the real Chromium DevTools panel and in firefox-esr's panel page: a
 * token at byte 50,000 of a 100 KB JSON message is found and marked in the Text view (which grows to
 * show it) and in the JSON tree (which expands down to it).
 */
import type { Frame, Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { pageAndPanel } from '../support/page-and-panel';
import { messageRows } from '../support/panel';

const TOKEN = 'needle-7f3a';

/** A ~100 KB JSON message: 400 records of filler, with the token in record 200's nested field. */
function bigJson(): string {
  const records = Array.from({ length: 400 }, (_, i) => ({
    id: i,
    filler: 'x'.repeat(220),
    meta: { note: i === 200 ? TOKEN : 'hay' },
  }));
  return JSON.stringify({ type: 'bulk', records });
}

const PAGE = (wsOrigin: string, body: string) => `<!doctype html><title>find</title><script>
  const ws = new WebSocket(${JSON.stringify(`${wsOrigin}/echo`)});
  ws.onopen = () => ws.send(${JSON.stringify(body)});
  ws.onmessage = () => { window.__done = true; };
</script>`;

const openPanelOn = pageAndPanel();

type Panel = Frame | Page;

async function selectBigRow(panel: Panel) {
  await panel.waitForFunction(
    () =>
      [...document.querySelectorAll('[role=listbox][aria-label=Messages] [role=option]')].some((r) => r.textContent?.includes('"bulk"')),
    { polling: 100, timeout: 30_000 },
  );
  const rows = await messageRows(panel);
  for (const row of rows) {
    if ((await row.evaluate((el) => el.textContent ?? '')).includes('"bulk"')) {
      await row.click();
      return;
    }
  }
}

async function find(panel: Panel, query: string) {
  const box = await panel.waitForSelector('input[aria-label="Find in payload"]');
  await box!.click({ count: 3 });
  await box!.type(query);
  // The count shows once typing has settled ("Searching…" until then).
  await panel.waitForFunction(
    () => {
      const text = document.querySelector('.find-status')?.textContent ?? '';
      return text !== '' && text !== 'Searching…';
    },
    { polling: 50, timeout: 10_000 },
  );
  await box!.press('Enter');
  return box!;
}

const status = (panel: Panel) => panel.$eval('.find-status', (el) => el.textContent ?? '');
const currentMark = (panel: Panel) => panel.$eval('mark.find-current', (el) => el.textContent ?? '').catch(() => null);

async function findInBothViews(panel: Panel) {
  await selectBigRow(panel);
  // The whole body arrives on demand; the JSON tree opens first.
  await panel.waitForSelector('[role=tree][aria-label="JSON tree"]', { timeout: 20_000 });
  await find(panel, TOKEN);
  await panel.waitForFunction(() => document.querySelector('.find-current-row') !== null, { polling: 50, timeout: 10_000 });
  expect(await status(panel)).toBe('1 of 1');
  const row = await panel.$eval('.find-current-row', (el) => el.textContent ?? '');
  expect(row).toContain(`note: "${TOKEN}"`);
  expect(await panel.$$eval('.find-current-row mark', (marks) => marks.map((m) => m.textContent))).toEqual([TOKEN]);

  const textTab = await panel.waitForSelector('::-p-aria(Text[role="tab"])');
  await textTab!.click();
  await find(panel, TOKEN);
  await panel.waitForFunction(() => document.querySelector('mark.find-current') !== null, { polling: 50, timeout: 10_000 });
  expect(await currentMark(panel)).toBe(TOKEN);
  expect(await status(panel)).toBe('1 of 1');
  // A token that is not there says so.
  await find(panel, 'absent-token');
  expect(await status(panel)).toBe('No matches');
}

describe('find in the Details pane', () => {
  it('Chromium: finds a token at byte 50,000 of a 100 KB JSON message in the Text and JSON views', async () => {
    const body = bigJson();
    expect(body.indexOf(TOKEN)).toBeGreaterThan(45_000);
    await findInBothViews(await openPanelOn('Chromium', '/find.html', (wsOrigin) => PAGE(wsOrigin, body)));
  });

  it('Firefox: the same find in the panel page', async () => {
    await findInBothViews(await openPanelOn('Firefox', '/find.html', (wsOrigin) => PAGE(wsOrigin, bigJson())));
  });
});
