/** Finds where the timeline should jump for a moment picked on the chart. */
import type { Row } from '../state/model';

/**
 * Position (in the filtered view `indices`) of the first row at or after `timeMs`, or -1 when none
 * is. Rows are in arrival order, which is nearly but not strictly time order across documents, so
 * this scans rather than bisects: one pass over the view per click is cheap.
 */
export function firstVisibleAtOrAfter(rows: readonly Row[], indices: Uint32Array, timeMs: number): number {
  for (let i = 0; i < indices.length; i++) if (rows[indices[i]].t >= timeMs) return i;
  return -1;
}
