import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualList } from '../../../src/panel/components/VirtualList';
import { byRole, mount } from './dom';

const ROW = 20;
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

function scrollTo(box: HTMLElement, top: number) {
  act(() => {
    box.scrollTop = top;
    box.dispatchEvent(new Event('scroll'));
  });
}

const shownIndices = (box: HTMLElement) => [...box.querySelectorAll<HTMLElement>('.vrow')].map((row) => Number(row.dataset.index));

describe('VirtualList', () => {
  it('renders the rows in view in index order, each placed at its index', () => {
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
});

describe('VirtualList past the browsers\u2019 element-height cap', () => {
  it('reaches row 2,000,000 at the bottom of a capped spacer, placed inside the view', () => {
    view = mount(list(2_000_001));
    const box = byRole(view.root, 'listbox', 'Items');
    const spacer = box.querySelector<HTMLElement>('.vlist-spacer')!;
    expect(spacer.style.height).toBe('15000000px');
    const viewport = 400; // the list's height before it is measured
    scrollTo(box, 15_000_000 - viewport);
    const rows = [...box.querySelectorAll<HTMLElement>('.vrow')];
    const last = rows.find((row) => row.dataset.index === '2000000')!;
    expect(last.textContent).toBe('item 2000000');
    expect(Number.parseFloat(last.style.top)).toBeCloseTo(15_000_000 - ROW, 3);
    // Rows stay one row apart, in order.
    const tops = rows.map((row) => Number.parseFloat(row.style.top));
    for (let k = 1; k < tops.length; k++) expect(tops[k] - tops[k - 1]).toBeCloseTo(ROW, 6);
  });
});
