/** Helpers for reading and driving the SocketScope panel frame, by role and accessible name. */
import type { ElementHandle, Frame, Page } from 'puppeteer-core';

/** The panel: a frame of the Chromium DevTools window, or the panel page opened in a Firefox tab. */
export type PanelTarget = Frame | Page;

/** Waits until `predicate` (run inside the panel) holds. */
export async function waitForPanel(panel: PanelTarget, predicate: () => boolean, timeout = 20_000): Promise<void> {
  await panel.waitForFunction(predicate, { polling: 50, timeout });
}

export async function panelText(panel: PanelTarget, selector: string): Promise<string> {
  // innerText keeps the visual separation of cells and rows, which assertions read.
  return panel.$eval(selector, (el) => (el as HTMLElement).innerText);
}

const MESSAGE_ROWS = '[role=listbox][aria-label=Messages] [role=option]';

/**
 * The timeline's rendered rows in the order the user sees them. Their elements are in no set order (the virtual
 * list patches each where it is, VirtualList.tsx); each row's aria-posinset says where it is.
 */
export async function messageRows(panel: PanelTarget): Promise<ElementHandle<Element>[]> {
  const rows = await panel.$$(MESSAGE_ROWS);
  const places = await Promise.all(rows.map((row) => row.evaluate((el) => Number(el.getAttribute('aria-posinset')))));
  return rows
    .map((row, k) => ({ row, place: places[k] }))
    .sort((a, b) => a.place - b.place)
    .map(({ row }) => row);
}

export interface TimelineRow {
  time: string;
  /** "send", "recv" or the lifecycle kind ("create", "open", "close", ...). */
  kind: string;
  conn: string;
  size: string;
  text: string;
}

/** The rows the timeline renders now (it is virtualised: only rows in view). */
export async function readTimeline(panel: PanelTarget): Promise<TimelineRow[]> {
  return panel.$$eval(MESSAGE_ROWS, (options) =>
    options
      .sort((a, b) => Number(a.getAttribute('aria-posinset')) - Number(b.getAttribute('aria-posinset')))
      .map((o) => {
        const cell = (name: string) => o.querySelector(`.${name}`)?.textContent ?? '';
        const kind = [...o.classList].find((c) => c.startsWith('kind-'))?.slice(5) ?? '';
        return { time: cell('c-time'), kind, conn: cell('c-conn'), size: cell('c-size'), text: cell('c-preview') };
      }),
  );
}

/** Waits until the timeline shows exactly `count` rows. */
export async function waitForRowCount(panel: PanelTarget, count: number, timeout = 20_000): Promise<void> {
  await panel.waitForFunction(
    (n: number) => document.querySelectorAll('[role=listbox][aria-label=Messages] [role=option]').length === n,
    { polling: 50, timeout },
    count,
  );
}

/** Sets a toolbar control found by its accessible name. */
export async function setFilterText(panel: PanelTarget, text: string): Promise<void> {
  const input = await panel.waitForSelector('input[aria-label=Filter]');
  await input!.click({ count: 3 });
  await input!.press('Backspace');
  if (text) await input!.type(text);
}

export async function selectOption(panel: PanelTarget, label: string, value: string): Promise<void> {
  await panel.select(`select[aria-label="${label}"]`, value);
}

export async function toggleCheckbox(panel: PanelTarget, name: string): Promise<void> {
  // The panel may re-render the control between finding and clicking it (the Actions drawer does when
  // its target connection changes): a detached handle is found again, never clicked blind.
  for (let attempt = 1; ; attempt++) {
    const handle = await panel.waitForSelector(`::-p-aria(${name}[role="checkbox"])`);
    try {
      await handle!.click();
      return;
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('detached')) throw error;
    }
  }
}

/**
 * Clicks a button found by its accessible name once it is enabled: a click on a disabled button does
 * nothing, and an action that silently did not happen reads as the app misbehaving later.
 */
export async function clickButton(panel: PanelTarget, name: string, timeout = 10_000): Promise<void> {
  const handle = await panel.waitForSelector(`::-p-aria(${name}[role="button"])`);
  await panel.waitForFunction((button) => !(button as HTMLButtonElement).disabled, { polling: 50, timeout }, handle);
  await handle!.click();
}

/** The filtered count in the toolbar, as [visible, total]. */
export async function filteredCount(panel: PanelTarget): Promise<[number, number]> {
  const text = await panel.$eval('[aria-label="Filtered count"]', (el) => el.textContent ?? '');
  const match = /(\d+) \/ (\d+)/.exec(text);
  if (!match) throw new Error(`no count in "${text}"`);
  return [Number(match[1]), Number(match[2])];
}

/** Chooses a connection in the toolbar's connection filter by its "#n" ordinal. */
export async function filterConnection(panel: PanelTarget, ordinal: number | 'all'): Promise<void> {
  const value = await panel.$eval(
    'select[aria-label=Connection]',
    (select, wanted) => {
      const option = [...(select as HTMLSelectElement).options].find((o) =>
        wanted === 'all' ? o.value === 'all' : o.textContent?.startsWith(`#${wanted} `),
      );
      return option?.value ?? null;
    },
    ordinal,
  );
  if (value === null) throw new Error(`no connection #${ordinal} in the filter`);
  await panel.select('select[aria-label=Connection]', value);
}

/** Selects the timeline row whose preview contains `text` (mouse, like a user). */
export async function selectRow(panel: PanelTarget, text: string): Promise<void> {
  const rows = await messageRows(panel);
  for (const row of rows) {
    if ((await row.evaluate((el) => el.textContent ?? '')).includes(text)) {
      await row.click();
      return;
    }
  }
  throw new Error(`no row shows "${text}"`);
}

/** Opens the Actions drawer (it starts closed) and waits for its controls; a no-op when it is open. */
export async function openActions(panel: PanelTarget): Promise<void> {
  const toggle = await panel.waitForSelector('::-p-aria(Actions[role="button"])');
  if ((await toggle!.evaluate((el) => el.getAttribute('aria-expanded'))) !== 'true') await toggle!.click();
  await panel.waitForSelector('::-p-aria(Send to server[role="button"])');
}

/**
 * Timeline rows the user can see whole: inside the list's scroll box and inside the panel's viewport
 * (a list pushed below the fold, or squeezed to a sliver, shows none).
 */
export async function visibleTimelineRows(panel: PanelTarget): Promise<number> {
  return panel.$eval('[role=listbox][aria-label=Messages]', (box) => {
    const view = box.getBoundingClientRect();
    const top = Math.max(view.top, 0);
    const bottom = Math.min(view.top + box.clientHeight, window.innerHeight);
    return [...box.querySelectorAll('[role=option]')].filter((option) => {
      const r = option.getBoundingClientRect();
      // A row's box is one pixel taller than its slot (its bottom border overlaps the next row).
      return r.height > 0 && r.top >= top - 0.5 && r.bottom <= bottom + 1.5;
    }).length;
  });
}
