/**
 * How tall the open Actions drawer may be. The timeline keeps at least half of the panel, so the
 * drawer gets what is left of the other half once the rest of the column (toolbar, connections pane
 * at its smallest, splitters, status bar) has its share. Pure: the panel measures, this decides.
 */

/** The drawer's head and one line of its controls: below this the drawer would show nothing to act on. */
export const DRAWER_MIN_HEIGHT = 60;
/**
 * The drawer's head alone. In a panel too short for the minimum above, the drawer shrinks to this
 * rather than take the timeline's half, and its toggle stays in reach to close it.
 */
export const DRAWER_HEAD_HEIGHT = 28;

export interface DrawerRoom {
  /** Height of the panel's column. */
  panel: number;
  /** The least height everything else in the column takes, besides the drawer and the timeline. */
  others: number;
}

export interface DrawerLimits {
  min: number;
  max: number;
}

export function drawerLimits({ panel, others }: DrawerRoom): DrawerLimits {
  const room = Math.floor(panel / 2 - others);
  // NaN fails every comparison: an unmeasurable column leaves the drawer its head, never more.
  const max = room > DRAWER_HEAD_HEIGHT ? room : DRAWER_HEAD_HEIGHT;
  return { min: Math.min(DRAWER_MIN_HEIGHT, max), max };
}

/** The height the drawer is shown at: the user's choice, brought within the limits of this panel. */
export function fitDrawerHeight(wanted: number, { min, max }: DrawerLimits): number {
  if (!Number.isFinite(wanted)) return max;
  return Math.round(Math.max(min, Math.min(max, wanted)));
}
