/**
 * Long text bodies stay in the page hook (src/page/bodies.ts) and reach the panel on demand, through the relay.
 * The hook's store is bounded (LIMITS.pageBodyBudget, 2 bytes per character): a page that sends and gets back
 * 40 texts of 1,000,000 characters produces 80 bodies of 2,000,000 bytes, of which the newest 33 fit. The status
 * bar must count the other 47 exactly, a trimmed one must say so in the Details pane (with its exact size), and
 * a kept one must arrive whole. Run in the real Chromium DevTools panel and in firefox-esr's panel page.
 */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/shared/limits';
import { pageAndPanel } from '../support/page-and-panel';
import { type PanelTarget, panelText, setFilterText, waitForPanel } from '../support/panel';

const COUNT = 40;
const CHARS = 1_000_000;
const BODY_BYTES = 2 * CHARS;
const KEPT = Math.floor(LIMITS.pageBodyBudget / BODY_BYTES);
const TRIMMED = 2 * COUNT - KEPT;

/** Each text starts with its own label (`m07:`), so its rows can be found by their preview. */
const PAGE = (wsOrigin: string) => `<!doctype html><title>long bodies</title><script>
  const ws = new WebSocket(${JSON.stringify(`${wsOrigin}/echo`)});
  let echoed = 0;
  ws.onopen = () => {
    for (let i = 0; i < ${COUNT}; i++) {
      const label = 'm' + String(i).padStart(2, '0') + ':';
      ws.send(label + 'x'.repeat(${CHARS} - label.length));
    }
  };
  ws.onmessage = () => { if (++echoed === ${COUNT}) window.__done = true; };
</script>`;

const openPanelOn = pageAndPanel();

const notes = (panel: PanelTarget) =>
  panel.$$eval('.payload-notes .note', (els) => els.map((el) => el.textContent ?? '')).catch(() => [] as string[]);

/** Selects the row of direction `dir` whose preview shows `label`, and waits until the Details pane has its body. */
async function openDetail(panel: PanelTarget, label: string, dir: 'send' | 'recv'): Promise<string[]> {
  await setFilterText(panel, label);
  await waitForPanel(panel, () => document.querySelectorAll('[role=listbox][aria-label=Messages] [role=option]').length === 2);
  const row = await panel.waitForSelector(`[role=listbox][aria-label=Messages] [role=option].kind-${dir}`);
  await row!.click();
  await panel.waitForFunction(
    () => ![...document.querySelectorAll('.payload-notes .note')].some((el) => el.textContent?.includes('loading the whole payload')),
    { polling: 100, timeout: 20_000 },
  );
  return notes(panel);
}

async function checkLongBodies(panel: PanelTarget) {
  // The exact count of bodies the hook let go of (the last trims arrive with the last batch).
  const expected = `${TRIMMED} payloads trimmed to preview (${((TRIMMED * BODY_BYTES) / 1024 / 1024).toFixed(1)} MB)`;
  await panel
    .waitForFunction(
      (text: string) => document.querySelector('[aria-label="Capture health"]')?.textContent?.includes(text) === true,
      { polling: 100, timeout: 30_000 },
      expected,
    )
    .catch(() => undefined); // the assertion below says what it shows instead
  expect(await panelText(panel, '[aria-label="Capture health"]')).toContain(expected);

  // Bodies are numbered in capture order: the 40 sends, then the 40 echoes; the newest 33 are kept.
  // The oldest body was let go: its row keeps the exact size, the pane says why only the preview shows.
  const trimmed = await openDetail(panel, 'm00:', 'send');
  expect(trimmed.join(' ')).toContain(
    `Showing the preview only (${LIMITS.previewChars} of ${CHARS} bytes): the payload was trimmed to its preview to stay within the memory budget.`,
  );

  // The newest arrives whole from the hook: no note about a part.
  const kept = await openDetail(panel, 'm39:', 'recv');
  expect(kept).toEqual([]);
}

describe('long text bodies kept in the page hook', () => {
  it('Chromium: counts the bodies the hook let go of exactly, says so for one, and fetches a kept one whole', async () => {
    await checkLongBodies(await openPanelOn('Chromium', '/long-bodies.html', PAGE));
  });

  it('Firefox: the same in the panel page', async () => {
    await checkLongBodies(await openPanelOn('Firefox', '/long-bodies.html', PAGE));
  });
});
