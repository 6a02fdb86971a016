/**
 * Measures the room the open Actions drawer has in the panel's column (App.tsx), and follows it as
 * the panel, the toolbar (it wraps when narrow) or any pane changes size.
 */
import type { RefObject } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import type { DrawerRoom } from './drawer-limits';

/** The row that must keep half of the panel: the timeline and its details. */
const TIMELINE_ROW_CLASS = 'main';

/** The column's height, and what its other panes take at least; null while the panel is hidden. */
function measureRoom(drawer: HTMLElement): DrawerRoom | null {
  const column = drawer.parentElement;
  const panel = column?.getBoundingClientRect().height ?? 0;
  // A panel behind another DevTools tab has no height: measuring it would shrink the drawer to nothing.
  if (!column || panel === 0) return null;
  let others = 0;
  for (const pane of column.children) {
    if (pane === drawer || pane.classList.contains(TIMELINE_ROW_CLASS)) continue;
    const style = getComputedStyle(pane);
    if (style.display === 'none' || style.position === 'absolute' || style.position === 'fixed') continue;
    const height = pane.getBoundingClientRect().height;
    // A pane that gives way (the connections pane shrinks to its min-height) counts at its smallest.
    const min = Number.parseFloat(style.minHeight);
    const givesWay = Number(style.flexShrink) > 0 && min < height;
    others += givesWay ? min : height;
  }
  return { panel, others };
}

export function useDrawerRoom(drawer: RefObject<HTMLElement>, open: boolean): DrawerRoom | null {
  const [room, setRoom] = useState<DrawerRoom | null>(null);
  useLayoutEffect(() => {
    const el = drawer.current;
    const column = el?.parentElement;
    if (!open || !el || !column) return;
    const update = () => {
      const next = measureRoom(el);
      if (next) setRoom((last) => (last?.panel === next.panel && last.others === next.others ? last : next));
    };
    update();
    // Measured in the next frame rather than in the observer's callback: the drawer's new height
    // resizes observed panes again, which inside the callback is a ResizeObserver loop error.
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(update);
    });
    observer.observe(column);
    // A pane that appears later (the access banner) resizes the ones observed here.
    for (const pane of column.children) observer.observe(pane);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [drawer, open]);
  return room;
}
