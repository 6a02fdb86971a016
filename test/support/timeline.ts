/**
 * Reading and driving the whole (virtualised) timeline for the robustness suite: totals from the
 * toolbar, every row's text, a row selection timed until the detail pane answers, payload view tabs.
 */
import type { PanelTarget } from './panel';

/** Rows the timeline holds in total ("… / N events" in the toolbar). */
export async function totalEvents(panel: PanelTarget): Promise<number> {
  const text = await panel.$eval('[aria-label="Filtered count"]', (el) => el.textContent ?? '');
  const match = /\/ (\d+) events/.exec(text);
  if (!match) throw new Error(`no total in "${text}"`);
  return Number(match[1]);
}

/** Waits until the toolbar's total is exactly `n`. */
export async function waitForTotal(panel: PanelTarget, n: number, timeout = 30_000): Promise<void> {
  await panel.waitForFunction(
    (n: number) => new RegExp(`/ ${n} events`).test(document.querySelector('[aria-label="Filtered count"]')?.textContent ?? ''),
    { polling: 100, timeout },
    n,
  );
}

/** The rendered timeline row at `index`: its text, and whether it lies wholly inside the list's view; null when not rendered. */
export function rowInView(panel: PanelTarget, index: number): Promise<{ text: string; inView: boolean } | null> {
  return panel.evaluate((i) => {
    const list = document.querySelector('[role=listbox][aria-label=Messages]')!;
    const row = list.querySelector(`.vrow[data-index="${i}"]`);
    if (!row) return null;
    const box = list.getBoundingClientRect();
    const r = row.getBoundingClientRect();
    // 1 px of tolerance: a scaled list's rows sit near 15 M px, where layout positions are floats 1 px apart
    // (Firefox ESR 140 put the last row 0.93 px past the bottom after a drag to the end; ESR 153 and Chromium did not).
    return { text: row.textContent ?? '', inView: r.top >= box.top - 1 && r.bottom <= box.bottom + 1 };
  }, index);
}

/**
 * The timeline's row texts, whole list: scrolls the virtual list from top to bottom. They are also
 * kept in the panel as `window[saveAs]`, for comparisons that must not cross CDP's JSON (lone surrogates).
 */
export async function allRowTexts(panel: PanelTarget, saveAs = '__rowTexts'): Promise<string[]> {
  return allRowCells(panel, 'c-preview', saveAs);
}

/** The timeline's Size column, whole list ("1.2 KB", or empty for rows without a payload). */
export async function allRowSizes(panel: PanelTarget): Promise<string[]> {
  return allRowCells(panel, 'c-size', '__rowSizes');
}

async function allRowCells(panel: PanelTarget, cell: string, saveAs: string): Promise<string[]> {
  return panel.evaluate(
    async (cell: string, saveAs: string) => {
      const box = document.querySelector<HTMLElement>('[role=listbox][aria-label=Messages]')!;
      const texts = new Map<number, string>();
      const frame = () => new Promise((r) => setTimeout(r, 30));
      for (let top = 0; ; top += Math.max(20, box.clientHeight - 40)) {
        box.scrollTop = top;
        box.dispatchEvent(new Event('scroll'));
        await frame();
        await frame();
        for (const row of box.querySelectorAll<HTMLElement>('[data-index]')) {
          texts.set(Number(row.dataset.index), row.querySelector(`.${cell}`)?.textContent ?? '');
        }
        if (top + box.clientHeight >= box.scrollHeight) break;
      }
      const out = [...texts.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t);
      (window as unknown as Record<string, unknown>)[saveAs] = out;
      return out;
    },
    cell,
    saveAs,
  );
}

/**
 * Selects the timeline row at `index` (scrolled into view, then a mousedown like a user's) and
 * measures, inside the panel, how long the detail pane takes to contain `expected`. Throws past `limitMs`.
 */
export async function selectRowTimed(panel: PanelTarget, index: number, expected: string, limitMs = 1000): Promise<number> {
  const result = await panel.evaluate(
    async (index: number, expected: string, limitMs: number) => {
      const box = document.querySelector<HTMLElement>('[role=listbox][aria-label=Messages]')!;
      const frame = () => new Promise((r) => setTimeout(r, 30));
      let row = box.querySelector<HTMLElement>(`[data-index="${index}"]`);
      for (let i = 0; !row && i < 20; i++) {
        box.scrollTop = Math.max(0, index * 20 - 40);
        box.dispatchEvent(new Event('scroll'));
        await frame();
        row = box.querySelector<HTMLElement>(`[data-index="${index}"]`);
      }
      if (!row) return { error: `row ${index} never rendered` };
      const detail = () => document.querySelector('.detail')?.textContent ?? '';
      const start = performance.now();
      row.querySelector('.trow')!.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
      while (!detail().includes(expected)) {
        if (performance.now() - start > limitMs * 5)
          return { error: `detail never showed ${JSON.stringify(expected).slice(0, 80)}`, detail: detail().slice(0, 300) };
        await new Promise((r) => setTimeout(r, 5));
      }
      return { ms: performance.now() - start };
    },
    index,
    expected,
    limitMs,
  );
  if ('error' in result) throw new Error(`${result.error}${'detail' in result ? `; detail: ${result.detail}` : ''}`);
  if (result.ms > limitMs) throw new Error(`the detail pane took ${Math.round(result.ms)} ms (limit ${limitMs} ms)`);
  return result.ms;
}

/** Chooses a payload view tab ("Text", "JSON", "Hex", "Base64") in the detail pane. */
export async function choosePayloadView(panel: PanelTarget, name: 'Text' | 'JSON' | 'Hex' | 'Base64'): Promise<void> {
  const tab = await panel.waitForSelector(`[role=tablist][aria-label="Payload views"] ::-p-aria(${name}[role="tab"])`);
  await tab!.click();
  await panel.waitForFunction(
    (name: string) =>
      document.querySelector('[role=tablist][aria-label="Payload views"] [role=tab][aria-selected=true]')?.textContent === name,
    { polling: 50, timeout: 5000 },
    name,
  );
}
