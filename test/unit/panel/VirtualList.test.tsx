import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualList } from '../../../src/panel/components/VirtualList';
import { byRole, mount } from './dom';

const ROW = 20;
const OVERSCAN = 8;
let view: ReturnType<typeof mount> | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
});

function list(count: number, selected: number | null = null) {
  return (
    <VirtualList
      count={count}
      rowHeight={ROW}
      label="Items"
      selected={selected}
      onSelect={() => undefined}
      renderRow={(i, isSelected) => (
        <div id={`row-${i}`} role="option" aria-selected={isSelected} tabIndex={-1}>
          item {i}
        </div>
      )}
    />
  );
}

/** The list's height before it is measured (the DOM here has no layout). */
const VIEWPORT = 400;

/**
 * Scrolls as a browser would report it. This DOM lays nothing out, so the box is given the sizes a
 * browser would: its viewport, and the spacer's height as its scroll height (the list tells from them
 * whether the user left the bottom).
 */
function scrollTo(box: HTMLElement, top: number) {
  const spacer = box.querySelector<HTMLElement>('.vlist-spacer')!;
  Object.defineProperty(box, 'clientHeight', { configurable: true, get: () => VIEWPORT });
  Object.defineProperty(box, 'scrollHeight', { configurable: true, get: () => Math.max(VIEWPORT, Number.parseFloat(spacer.style.height)) });
  act(() => {
    box.scrollTop = top;
    box.dispatchEvent(new Event('scroll'));
  });
}

/** The rendered rows in index order (their elements are in slot order, see VirtualList). */
const shownRows = (box: HTMLElement) =>
  [...box.querySelectorAll<HTMLElement>('.vrow')].sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
const shownIndices = (box: HTMLElement) => shownRows(box).map((row) => Number(row.dataset.index));

describe('VirtualList', () => {
  it('renders the rows in view, each placed at its index', () => {
    view = mount(list(1000, 130));
    const box = byRole(view.root, 'listbox', 'Items');
    scrollTo(box, 0);
    scrollTo(box, 120 * ROW);
    const indices = shownIndices(box);
    expect(indices[0]).toBe(112); // 8 rows of overscan above
    expect(indices).toEqual(indices.map((_, k) => indices[0] + k));
    for (const row of box.querySelectorAll<HTMLElement>('.vrow')) {
      const i = Number(row.dataset.index);
      expect(row.style.top).toBe(`${i * ROW}px`);
      expect(row.textContent).toBe(`item ${i}`);
      expect(row.querySelector('[role=option]')?.id).toBe(`row-${i}`);
    }
    expect(box.querySelector('#row-130')?.getAttribute('aria-selected')).toBe('true');
    expect(box.querySelectorAll('[aria-selected=true]')).toHaveLength(1);
  });

  it('reuses row elements while scrolling instead of creating new ones', () => {
    view = mount(list(1000));
    const box = byRole(view.root, 'listbox', 'Items');
    scrollTo(box, 200 * ROW);
    const before = new Set(box.querySelectorAll('.vrow'));
    for (const top of [201, 205, 230, 600].map((i) => i * ROW)) {
      scrollTo(box, top);
      const now = [...box.querySelectorAll('.vrow')];
      expect(now).toHaveLength(before.size);
      expect(now.filter((row) => !before.has(row))).toEqual([]);
    }
    expect(shownIndices(box)[0]).toBe(592);
  });

  it('moves no row element whatever the scroll: each is patched where it is', () => {
    view = mount(list(1000));
    const box = byRole(view.root, 'listbox', 'Items');
    const spacer = box.querySelector<HTMLElement>('.vlist-spacer')!;
    scrollTo(box, 300 * ROW);
    const moves = new MutationObserver(() => undefined);
    moves.observe(spacer, { childList: true });
    // Rows a frame, down and up: in index order, Preact moved nearly every row for a step of 2 to 20 rows.
    let top = 300;
    for (const step of [1, 2, 3, 5, 20, 35, 60, -1, -3, -20]) {
      top += step;
      scrollTo(box, top * ROW);
      expect(shownIndices(box)[OVERSCAN]).toBe(top);
      expect(moves.takeRecords(), `a scroll by ${step} rows`).toEqual([]);
    }
    moves.disconnect();
  });
});

describe('VirtualList following a growing list', () => {
  it('shows the last rows as rows are added while the user is at the bottom, and stays put once they scroll up', () => {
    view = mount(list(100));
    const box = byRole(view.root, 'listbox', 'Items');
    const grow = (count: number) => act(() => render(list(count), view!.root));
    grow(1000);
    let shown = shownIndices(box);
    expect(shown.at(-1)).toBe(999);
    expect(box.scrollTop).toBe(1000 * ROW); // asked past the end: a browser clamps it to the last position
    grow(5000);
    shown = shownIndices(box);
    expect(shown.at(-1)).toBe(4999);
    expect(Number.parseFloat(box.querySelector<HTMLElement>('[data-index="4999"]')!.style.top)).toBe(4999 * ROW);
    // The user scrolls to the top (the position the list last held before it followed): it shows row 0.
    scrollTo(box, 0);
    expect(shownIndices(box)[0]).toBe(0);
    // Further up from the bottom, new rows no longer move the view.
    scrollTo(box, 100 * ROW);
    grow(6000);
    expect(shownIndices(box)[0]).toBe(92);
    expect(box.scrollTop).toBe(100 * ROW);
    // Back at the bottom: it follows again.
    scrollTo(box, 6000 * ROW - VIEWPORT);
    grow(7000);
    expect(shownIndices(box).at(-1)).toBe(6999);
  });
});

describe('VirtualList past the browsers\u2019 element-height cap', () => {
  it('reaches row 2,000,000 at the bottom of a capped spacer, placed inside the view', () => {
    view = mount(list(2_000_001));
    const box = byRole(view.root, 'listbox', 'Items');
    const spacer = box.querySelector<HTMLElement>('.vlist-spacer')!;
    expect(spacer.style.height).toBe('15000000px');
    scrollTo(box, 15_000_000 - VIEWPORT);
    const rows = shownRows(box);
    const last = rows.find((row) => row.dataset.index === '2000000')!;
    expect(last.textContent).toBe('item 2000000');
    expect(Number.parseFloat(last.style.top)).toBeCloseTo(15_000_000 - ROW, 3);
    // Rows stay one row apart, in order.
    const tops = rows.map((row) => Number.parseFloat(row.style.top));
    for (let k = 1; k < tops.length; k++) expect(tops[k] - tops[k - 1]).toBeCloseTo(ROW, 6);
  });
});
