/**
 * Browsers cap an element's height (Chromium at 33,554,431 px, Firefox near 17.9 M px), so a list of
 * 2,000,000 rows of 20 px cannot be laid out at full height: rows past about 1.68 M could not be
 * scrolled to. Past the measured limit (maxScrollPx) the list's spacer stays at that height and the scroll
 * position maps linearly onto the content: the top of the scrollbar is the first row, its bottom the last.
 */

/** Under both browsers' caps, with room to spare: used where the cap cannot be measured (no layout). */
export const MAX_SCROLL_PX = 15_000_000;

let measuredMax: number | null = null;

/**
 * The tallest spacer this browser lays out, measured once: 90 % of its clamp (Chromium 33,554,428 px,
 * Firefox 17,895,697 px), so that lists that fit, up to about 1.5 M rows in Chromium, are not scaled.
 */
export function maxScrollPx(): number {
  if (measuredMax !== null) return measuredMax;
  const probe = document.createElement('div');
  probe.style.cssText = 'position:absolute;visibility:hidden;width:1px;height:1000000000px';
  document.body.append(probe);
  const clamp = probe.getBoundingClientRect().height;
  probe.remove();
  measuredMax = clamp > 1_000_000 && clamp < 1_000_000_000 ? Math.floor(clamp * 0.9) : MAX_SCROLL_PX;
  return measuredMax;
}

/**
 * Scroll px at the bottom of a scaled list that all show the last rows. Browsers round scroll positions
 * this large (Firefox stopped 3 px short of the end, and borders add to the scroll height), so the
 * end must be reached a little before the last scroll position.
 */
export const END_SLACK_PX = 16;

export interface ScrollScale {
  /** The spacer's height in px. */
  spacer: number;
  /** Content px per scroll px (1 when the content fits). */
  ratio: number;
  /** The largest content offset at the top of the view (unbounded when unscaled). */
  maxTop: number;
}

export function scrollScale(count: number, rowHeight: number, viewport: number, max = MAX_SCROLL_PX): ScrollScale {
  const content = count * rowHeight;
  if (content <= max) return { spacer: content, ratio: 1, maxTop: Number.POSITIVE_INFINITY };
  // Both ends must line up: scroll 0 shows row 0, the end of the scroll range shows the last row.
  const maxTop = Math.max(0, content - viewport);
  const room = Math.max(1, max - viewport - END_SLACK_PX);
  return { spacer: max, ratio: Math.max(1, maxTop / room), maxTop };
}

/** The content offset shown at the top of the view for a scroll position. */
export const contentTop = (scale: ScrollScale, scrollTop: number): number => Math.min(scale.maxTop, scrollTop * scale.ratio);

/** The scroll position that shows `content` px at the top of the view. */
export const scrollTopFor = (scale: ScrollScale, content: number): number => content / scale.ratio;
