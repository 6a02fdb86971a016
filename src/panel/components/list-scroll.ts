/**
 * VirtualList's scrolling hooks. They live outside the component on purpose: an effect written inside
 * VirtualList would share its render's closure scope with the handlers that read `props`, and Preact
 * (like a ResizeObserver) keeps an effect's callback until its deps change. That callback would keep
 * an old render's props alive, and with them the rows their renderRow reads (after Clear, the whole
 * cleared capture). Here each callback holds only what it is given.
 */
import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { contentTop, type ScrollScale, scrollTopFor } from './scroll-scale';

/** Scrolls `el` by the least amount that shows row `index` whole. */
export function scrollRowIntoView(el: HTMLElement, index: number, rowHeight: number, scale: ScrollScale): void {
  const top = index * rowHeight;
  const shown = contentTop(scale, el.scrollTop);
  // A scaled list's scroll positions are tens of millions of px, which browsers round (Chromium to 2 px
  // at 30 M): aim a few px past the row so that the rounding cannot leave it cut at the edge.
  const nudge = scale.ratio > 1 ? 4 : 0;
  if (top < shown) el.scrollTop = scrollTopFor(scale, top) - nudge;
  else if (top + rowHeight > shown + el.clientHeight) el.scrollTop = scrollTopFor(scale, top + rowHeight - el.clientHeight) + nudge;
}

/** The element's client height, followed as it is resized. */
export function useClientHeight(box: RefObject<HTMLElement>, initial: number): number {
  const [height, setHeight] = useState(initial);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, [box]);
  return height;
}

/**
 * Auto-scroll only while the view is pinned to the bottom: as rows are added, it stays there. The list
 * drew its rows for `bottom`, its own idea of the last position; `onOffset` learns where the browser
 * really stopped. Writing the position lays the list out (the layout this frame needs anyway), so
 * reading it back right after costs nothing, and an unchanged offset renders nothing again.
 */
export function useFollowBottom(
  box: RefObject<HTMLElement>,
  pinned: { current: boolean },
  count: number,
  rowHeight: number,
  bottom: number,
  onOffset: (offset: number) => void,
): void {
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || !pinned.current) return;
    // Past the end: the browser clamps it to the last position, whatever the scale.
    el.scrollTop = count * rowHeight;
    onOffset(el.scrollTop - bottom);
  }, [count, rowHeight, bottom]);
}

/** Brings row `index` into view each time a different index is requested. */
export function useScrollRequest(
  box: RefObject<HTMLElement>,
  index: number | null | undefined,
  rowHeight: number,
  scale: ScrollScale,
): void {
  useLayoutEffect(() => {
    if (index == null || !box.current) return;
    scrollRowIntoView(box.current, index, rowHeight, scale);
  }, [index]);
}
