/**
 * A list that renders only the rows in view (plus a small overscan), with fixed-height rows so that
 * a million entries cost the same as fifty. It stays pinned to the bottom while the user is there,
 * and arrow keys, Home and End move the selection.
 */
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { scrollRowIntoView, useClientHeight, useFollowBottom, useScrollRequest } from './list-scroll';
import { contentTop, maxScrollPx, scrollScale } from './scroll-scale';

export interface VirtualListProps {
  count: number;
  rowHeight: number;
  label: string;
  selected: number | null;
  onSelect(index: number): void;
  /** The rows' elements are not in index order: an option here should carry aria-posinset and aria-setsize. */
  renderRow(index: number, selected: boolean): ComponentChildren;
  /** Scroll request: set to an index to bring it into view. */
  scrollTo?: number | null;
}

const OVERSCAN = 8;

export function VirtualList(props: VirtualListProps) {
  const { count, rowHeight } = props;
  const box = useRef<HTMLDivElement>(null);
  // An object, so that setting it always renders: while pinned the render ignores it, and on leaving
  // the bottom the position may equal the stale one kept from before.
  const [scrolled, setScrolled] = useState({ top: 0 });
  const height = useClientHeight(box, 400);
  const pinned = useRef(true);
  /** Where the browser's last scroll position really is, against the list's own `bottom` (borders, rounding). */
  const [bottomOffset, setBottomOffset] = useState(0);
  const scale = scrollScale(count, rowHeight, height, maxScrollPx());
  // Pinned to the bottom, the list renders its last position from the sizes it knows: following a
  // growing capture then takes one render per update, instead of a second one with the position read
  // back from the browser (P2's panel profile, issue #17).
  const bottom = Math.max(0, scale.spacer - height);
  const top = pinned.current ? bottom + bottomOffset : scrolled.top;
  useFollowBottom(box, pinned, count, rowHeight, bottom, setBottomOffset);
  useScrollRequest(box, props.scrollTo, rowHeight, scale);

  const onScroll = () => {
    const el = box.current;
    if (!el) return;
    const wasPinned = pinned.current;
    pinned.current = el.scrollTop + el.clientHeight >= el.scrollHeight - rowHeight;
    if (pinned.current) setBottomOffset(el.scrollTop - bottom);
    // While it stays pinned, the render takes the bottom position itself (above).
    if (!(wasPinned && pinned.current)) setScrolled({ top: el.scrollTop });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (count === 0) return;
    const page = Math.max(1, Math.floor(height / rowHeight) - 1);
    const current = props.selected ?? -1;
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + page,
      PageUp: current - page,
      Home: 0,
      End: count - 1,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = Math.max(0, Math.min(count - 1, moves[event.key]));
    props.onSelect(next);
    if (box.current) scrollRowIntoView(box.current, next, rowHeight, scale);
  };

  const onMouseDown = (event: MouseEvent) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (row) props.onSelect(Number(row.dataset.index));
  };

  // Always the same number of rows (slots), keyed by slot rather than by index: a row scrolled out
  // frees the key of the row scrolled in, so its element is patched instead of removed and created again.
  const slots = Math.ceil(height / rowHeight) + 1 + 2 * OVERSCAN;
  const shown = contentTop(scale, top);
  const first = Math.max(0, Math.min(Math.floor(shown / rowHeight) - OVERSCAN, count - slots));
  const last = Math.min(count, first + slots);
  // Rows sit where the content offset puts them relative to the view (their plain offset when unscaled).
  const offset = top - shown;
  // In slot order, not index order: each slot's element keeps its place among its siblings, since its top places
  // it. In index order, a scroll by 2 or more rows (but fewer than the slots) reorders the slots, and Preact moves
  // nearly every row element to do so; a moved element is styled and laid out again from scratch. Scrolling by 2 to
  // 20 rows a frame then took 3 to 4 times the frame work (bench/PERFORMANCE.md, session 15). The rows tell their
  // place to assistive technology with aria-posinset (renderRow).
  const rows = [];
  for (let slot = 0; slot < slots; slot++) {
    const i = first + ((slot - (first % slots) + slots) % slots);
    if (i >= last) continue;
    rows.push(
      <div key={i % slots} class="vrow" data-index={i} style={{ top: `${offset + i * rowHeight}px`, height: `${rowHeight}px` }}>
        {props.renderRow(i, i === props.selected)}
      </div>,
    );
  }

  return (
    <div
      ref={box}
      class="vlist"
      role="listbox"
      aria-label={props.label}
      aria-activedescendant={props.selected != null ? `row-${props.selected}` : undefined}
      tabIndex={0}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      onMouseDown={onMouseDown}
    >
      <div class="vlist-spacer" style={{ height: `${scale.spacer}px` }}>
        {rows}
      </div>
    </div>
  );
}
