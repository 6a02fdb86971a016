/** Reading rows from the panel's timeline: decoded summaries, the pairing and rule-effect cells, the Decoded tab. */
import type { Frame, Page } from 'puppeteer-core';

type Panel = Frame | Page;

export interface ShownRow {
  /** The row element's id (`row-<index>`). */
  id: string;
  decoded: string;
  pair: string;
  /** What a message rule did (the `c-fx` cell). */
  fx: string;
  text: string;
}

/** Every timeline row's decoded summary, pairing and rule-effect cells and preview (the list is virtual: scrolled through). */
export async function shownRows(panel: Panel): Promise<ShownRow[]> {
  return panel.evaluate(async () => {
    const list = document.querySelector('[role=listbox][aria-label=Messages]') as HTMLElement;
    const seen = new Map<string, { id: string; decoded: string; pair: string; fx: string; text: string }>();
    const read = () => {
      for (const row of list.querySelectorAll('[role=option]')) {
        const cell = (name: string) => row.querySelector(`.${name}`)?.textContent ?? '';
        seen.set(row.id, { id: row.id, decoded: cell('c-decoded'), pair: cell('c-pair'), fx: cell('c-fx'), text: cell('c-preview') });
      }
    };
    list.scrollTop = 0;
    await new Promise((done) => requestAnimationFrame(done));
    for (let guard = 0; guard < 200; guard++) {
      read();
      if (list.scrollTop + list.clientHeight >= list.scrollHeight - 1) break;
      list.scrollTop += list.clientHeight / 2;
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    }
    read();
    return [...seen.entries()].sort((a, b) => Number(a[0].slice(4)) - Number(b[0].slice(4))).map(([, row]) => row);
  });
}

/** Waits until every expected decoded summary shows (regexes, in any order), then returns the rows. */
export async function waitForDecoded(panel: Panel, expected: readonly RegExp[], timeout = 20_000): Promise<ShownRow[]> {
  const until = Date.now() + timeout;
  let rows: ShownRow[] = [];
  for (;;) {
    rows = await shownRows(panel);
    const missing = expected.filter((re) => !rows.some((row) => re.test(row.decoded)));
    if (missing.length === 0) return rows;
    if (Date.now() > until)
      throw new Error(
        `not shown: ${missing.join(', ')}\nrows:\n${rows.map((r) => `${r.decoded} | ${r.pair} | ${r.text.slice(0, 80)}`).join('\n')}`,
      );
    await new Promise((done) => setTimeout(done, 250));
  }
}

/** Selects the first row whose decoded summary matches, and returns the Decoded tab's tree text. */
export async function decodedTreeOf(panel: Panel, summary: RegExp): Promise<string> {
  await panel.evaluate(async (source: string) => {
    const re = new RegExp(source);
    const list = document.querySelector('[role=listbox][aria-label=Messages]') as HTMLElement;
    list.scrollTop = 0;
    for (let guard = 0; guard < 200; guard++) {
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      const inOrder = [...list.querySelectorAll('[role=option]')].sort(
        (a, b) => Number(a.getAttribute('aria-posinset')) - Number(b.getAttribute('aria-posinset')),
      );
      const row = inOrder.find((r) => re.test(r.querySelector('.c-decoded')?.textContent ?? ''));
      if (row) {
        row.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
        (row as HTMLElement).click();
        return;
      }
      list.scrollTop += list.clientHeight / 2;
    }
    throw new Error(`no row decoded as ${source}`);
  }, summary.source);
  const tab = await panel.waitForSelector('[role=tab]::-p-text(Decoded)');
  await tab!.click();
  await panel.waitForSelector('[role=tree][aria-label="Decoded tree"]', { timeout: 10_000 });
  // Open every collapsed branch (a few levels), as a user would with the keyboard.
  for (let i = 0; i < 8; i++) {
    const closed = await panel.$('[role=tree][aria-label="Decoded tree"] [role=treeitem][aria-expanded=false]');
    if (!closed) break;
    await closed.click();
    await closed.press('ArrowRight');
  }
  return panel.evaluate(() => document.querySelector('.decoded-view')?.textContent ?? '');
}
