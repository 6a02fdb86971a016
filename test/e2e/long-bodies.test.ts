/**
 * Long text bodies stay in the page hook (src/page/bodies.ts) and reach the panel on demand, through the relay.
 * The hook's store is bounded (LIMITS.pageBodyBudget, 2 bytes per character): a page that sends 37 texts of
 * 1,000,000 characters (to a server that echoes nothing: DevTools' own recording of 1 MB frames is slow) keeps
 * 37 bodies of 2,000,000 bytes, of which the newest 33 fit (with a short wide text sent last). The status bar must count the other 4 exactly, a trimmed one must say so in the Details pane (with its exact size), and
 * a kept one must arrive whole. Run in the real Chromium DevTools panel and in firefox-esr's panel page.
 */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/shared/limits';
import { pageAndPanel } from '../support/page-and-panel';
import { type PanelTarget, panelText, selectRow, setFilterText, waitForPanel } from '../support/panel';

const COUNT = 37;
const CHARS = 1_000_000;
const BODY_BYTES = 2 * CHARS;
const KEPT = Math.floor(LIMITS.pageBodyBudget / BODY_BYTES);
const TRIMMED = COUNT - KEPT;

/**
 * Last, a text of 1,507 units that is not ASCII: 'é' is 2 bytes, the emoji 4, and a lone surrogate goes out as U+FFFD,
 * 3 bytes. Its size comes from the browser's own count (src/page/method-proxies.ts): the socket's.
 */
const WIDE_BYTES = 4 + 1500 * 2 + 4 + 3;

/** Each text starts with its own label (`m07:`), so its rows can be found by their preview. */
const PAGE = (wsOrigin: string) => `<!doctype html><title>long bodies</title><script>
  const ws = new WebSocket(${JSON.stringify(`${wsOrigin}/sink`)});
  ws.onopen = () => {
    for (let i = 0; i < ${COUNT}; i++) {
      const label = 'm' + String(i).padStart(2, '0') + ':';
      ws.send(label + 'x'.repeat(${CHARS} - label.length));
    }
    ws.send('u99:' + '\\u00e9'.repeat(1500) + '\\ud83d\\ude00\\ud800');
    window.__done = true;
  };
</script>`;

const openPanelOn = pageAndPanel();

const notes = (panel: PanelTarget) =>
  panel.$$eval('.payload-notes .note', (els) => els.map((el) => el.textContent ?? '')).catch(() => [] as string[]);

/** Selects the row whose preview shows `label`, and waits until the Details pane has its body. */
async function openDetail(panel: PanelTarget, label: string): Promise<string[]> {
  await setFilterText(panel, label);
  await waitForPanel(panel, () => document.querySelectorAll('[role=listbox][aria-label=Messages] [role=option]').length === 1);
  await selectRow(panel, label);
  // The pane shows this message (not still the one selected before), and no longer loads its body.
  await panel.waitForFunction(
    (shown: string) =>
      document.querySelector('[aria-label="Message details"] [aria-label=Payload]')?.textContent?.includes(shown) === true &&
      ![...document.querySelectorAll('.payload-notes .note')].some((el) => el.textContent?.includes('loading the whole payload')),
    { polling: 100, timeout: 20_000 },
    label,
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

  // The oldest body was let go: its row keeps the exact size, the pane says why only the preview shows.
  const trimmed = await openDetail(panel, 'm00:');
  expect(trimmed.join(' ')).toContain(
    `Showing the preview only (${LIMITS.previewChars} of ${CHARS} bytes): the payload was trimmed to its preview to stay within the memory budget.`,
  );

  // The newest arrives whole from the hook: no note about a part.
  const kept = await openDetail(panel, `m${COUNT - 1}:`);
  expect(kept).toEqual([]);

  // A wide text: its exact UTF-8 size, and its body whole.
  expect(await openDetail(panel, 'u99:')).toEqual([]);
  expect(await panelText(panel, '.detail')).toContain(`(${WIDE_BYTES} bytes, text)`);
}

describe('long text bodies kept in the page hook', () => {
  it('Chromium: counts the bodies the hook let go of exactly, says so for one, and fetches a kept one whole', async () => {
    await checkLongBodies(await openPanelOn('Chromium', '/long-bodies.html', PAGE));
  });

  it('Firefox: the same in the panel page', async () => {
    await checkLongBodies(await openPanelOn('Firefox', '/long-bodies.html', PAGE));
  });
});
