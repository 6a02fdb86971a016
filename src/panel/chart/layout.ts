/** Geometry of the traffic chart, in CSS pixels: the plot box inside the axes, and bar hit-testing. */

export const CHART_HEIGHT = 78;
export const MARGIN = { left: 58, right: 8, top: 6, bottom: 16 };
/** Narrowest bar slot: below it the chart uses wider time bins instead. */
export const MIN_SLOT_PX = 4;

export interface PlotBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function plotBox(width: number): PlotBox {
  return {
    x: MARGIN.left,
    y: MARGIN.top,
    w: Math.max(20, width - MARGIN.left - MARGIN.right),
    h: CHART_HEIGHT - MARGIN.top - MARGIN.bottom,
  };
}

/** How many bars fit the plot width (between 10 and `cap`). */
export function maxBinsFor(width: number, cap: number): number {
  return Math.max(10, Math.min(cap, Math.floor(plotBox(width).w / MIN_SLOT_PX)));
}

/** The bar under horizontal position `x` (relative to the chart's left edge), clamped to the bars. */
export function binAtX(x: number, box: PlotBox, count: number): number {
  if (count === 0) return -1;
  const i = Math.floor(((x - box.x) / box.w) * count);
  return Math.max(0, Math.min(count - 1, i));
}
