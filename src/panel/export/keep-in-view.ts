/**
 * Keeps an anchored popup inside the panel. The Export dialog hangs from the right edge of its toolbar
 * group; in a narrow panel the toolbar wraps, and when that group starts a row the dialog would reach
 * past the panel's left edge, with its format choice out of sight and out of reach.
 */
import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';

const MARGIN = 4;

/**
 * How far to move a box spanning [left, right] sideways so that it lies within [0, width], `margin`
 * from each edge. A box wider than that keeps its left edge in view, where its first controls are.
 */
export function shiftIntoView(left: number, right: number, width: number, margin = MARGIN): number {
  if (left < margin) return margin - left;
  if (right > width - margin) return Math.max(margin - left, width - margin - right);
  return 0;
}

/** Moves the element (with CSS `translate`) into the panel after each render and on every resize. */
export function useKeepInView(ref: RefObject<HTMLElement>): void {
  const place = () => {
    const el = ref.current;
    if (!el) return;
    el.style.translate = '';
    const box = el.getBoundingClientRect();
    const shift = shiftIntoView(box.left, box.right, document.documentElement.clientWidth);
    if (shift) el.style.translate = `${shift}px 0`;
  };
  // Every render: the toolbar can rewrap while the dialog is open (a new connection widens its select).
  useLayoutEffect(place);
  // A layout effect too, so that no resize slips in between the first placement and the listener.
  useLayoutEffect(() => {
    addEventListener('resize', place);
    return () => removeEventListener('resize', place);
  }, []);
}
