/**
 * The whole-payload search, in the real Chromium DevTools panel and in firefox-esr's panel page: the
 * filter searches previews as the user types and says so; Enter searches whole payloads (fetched from
 * the relay), with regex and invert; a runaway regex is refused on previews, can be cancelled, and is
 * stopped by the watchdog, while the panel stays usable.
 */
import type { Frame, Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { pageAndPanel } from '../support/page-and-panel';

const TOKEN = 'needle-7f3a';
/** Exponential on a run of "a"s not followed by the end: `(a+)+$` against it never finishes. */
const RUNAWAY_INPUT = `${'a'.repeat(40)}!`;

/** A 100 KB JSON message with the token at character 50,000. */
function bigJson(): string {
  const head = '{"type":"bulk","filler":"';
  const body = `${'x'.repeat(50_000 - head.length)}${TOKEN}${'y'.repeat(50_000)}"}`;
  return head + body;
}

const PAGE = (wsOrigin: string, big: string) => `<!doctype html><title>search</title><script>
  const ws = new WebSocket(${JSON.stringify(`${wsOrigin}/echo`)});
  let echoes = 0;
  ws.onopen = () => {
    ws.send(${JSON.stringify(big)});
    ws.send('small hello');
    ws.send(${JSON.stringify(RUNAWAY_INPUT)});
  };
  ws.onmessage = () => { if (++echoes === 3) window.__done = true; };
</script>`;

const openPanelOn = pageAndPanel();

type Panel = Frame | Page;

const rowTexts = (panel: Panel) =>
  panel.$$eval('[role=listbox][aria-label=Messages] [role=option]', (rows) =>
    rows.sort((a, b) => Number(a.getAttribute('aria-posinset')) - Number(b.getAttribute('aria-posinset'))).map((r) => r.textContent ?? ''),
  );
const searchStatus = (panel: Panel) =>
  panel.$eval('section[aria-label="Whole-payload search"] [role=status], section[aria-label="Whole-payload search"] [role=alert]', (el) =>
    (el.textContent ?? '').trim(),
  );

async function waitForStatus(panel: Panel, prefix: string, timeout = 20_000) {
  await panel.waitForFunction(
    (p) => {
      const el = document.querySelector('section[aria-label="Whole-payload search"] :is([role=status], [role=alert])');
      return (el?.textContent ?? '').trim().startsWith(p);
    },
    { polling: 50, timeout },
    prefix,
  );
}

async function setFilter(panel: Panel, text: string) {
  const input = (await panel.waitForSelector('input[aria-label=Filter]'))!;
  await input.click({ count: 3 });
  await input.press('Backspace');
  if (text) await input.type(text);
  return input;
}

async function setCheckbox(panel: Panel, name: string, on: boolean) {
  const box = (await panel.waitForSelector(`::-p-aria(${name}[role="checkbox"])`))!;
  if ((await box.evaluate((el) => (el as HTMLInputElement).checked)) !== on) await box.click();
}

async function searchWholePayloads(panel: Panel) {
  await waitForStatus(panel, 'Searched previews only');
  // The big message shows only by its preview, which does not hold the token.
  expect((await rowTexts(panel)).some((t) => t.includes('"bulk"'))).toBe(false);
  const input = (await panel.waitForSelector('input[aria-label=Filter]'))!;
  await input.press('Enter');
  await waitForStatus(panel, 'Whole payloads searched');
}

async function searchScenario(panel: Panel) {
  await panel.waitForFunction(() => document.querySelectorAll('[role=listbox][aria-label=Messages] [role=option]').length >= 8, {
    polling: 100,
    timeout: 30_000,
  });

  // Plain text: previews only as typed, then the whole body on Enter.
  await setFilter(panel, TOKEN);
  await waitForStatus(panel, 'Searched previews only: 2 messages are longer than the first 1,024 characters shown.');
  await searchWholePayloads(panel);
  expect(await searchStatus(panel)).toMatch(/^Whole payloads searched: 2 matches in 6 messages\.$/); // sent and echoed
  let rows = await rowTexts(panel);
  expect(rows.length).toBe(2);
  expect(rows.every((t) => t.includes('"bulk"'))).toBe(true);

  // Invert needs no new search.
  await setCheckbox(panel, 'Messages only', true);
  await setCheckbox(panel, 'Invert', true);
  await panel.waitForFunction(() => document.querySelectorAll('[role=listbox][aria-label=Messages] [role=option]').length === 4, {
    polling: 50,
    timeout: 10_000,
  });
  rows = await rowTexts(panel);
  expect(rows.some((t) => t.includes('"bulk"'))).toBe(false);
  await setCheckbox(panel, 'Invert', false);

  // A regular expression over whole bodies.
  await setCheckbox(panel, 'Regex', true);
  await setFilter(panel, 'x{3}needle-[0-9a-f]{4}y');
  await searchWholePayloads(panel);
  expect(await searchStatus(panel)).toContain('2 matches');

  // A runaway regex: refused on previews, cancelled by the user, then stopped by the watchdog.
  await setFilter(panel, '(a+)+$');
  await panel.waitForFunction(() => document.querySelector('.filter-error')?.textContent?.startsWith('Not run on previews') ?? false, {
    polling: 50,
    timeout: 10_000,
  });
  let input = (await panel.waitForSelector('input[aria-label=Filter]'))!;
  await input.press('Enter');
  await waitForStatus(panel, 'Searching whole payloads');
  await panel.waitForSelector('progress[aria-label="Search progress"]');
  const cancel = (await panel.waitForSelector('::-p-aria(Cancel search[role="button"])'))!;
  await cancel.click();
  await waitForStatus(panel, 'Whole-payload search cancelled');

  input = (await panel.waitForSelector('input[aria-label=Filter]'))!;
  await input.press('Enter');
  await waitForStatus(panel, 'Whole-payload search stopped: the pattern ran for more than', 30_000);

  // The panel is still usable: a plain filter works at once.
  await setCheckbox(panel, 'Regex', false);
  await setFilter(panel, 'small hello');
  await panel.waitForFunction(() => document.querySelectorAll('[role=listbox][aria-label=Messages] [role=option]').length === 2, {
    polling: 50,
    timeout: 10_000,
  });
}

describe('whole-payload search', () => {
  it('Chromium: finds a token at byte 50,000 of a 100 KB message, with regex, invert, cancel and a stopped runaway regex', async () => {
    await searchScenario(await openPanelOn('Chromium', '/search.html', (wsOrigin) => PAGE(wsOrigin, bigJson())));
  });

  it('Firefox: the same search in the panel page', async () => {
    await searchScenario(await openPanelOn('Firefox', '/search.html', (wsOrigin) => PAGE(wsOrigin, bigJson())));
  });
});
