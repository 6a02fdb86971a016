/**
 * The Actions drawer's height as the user last chose it with its splitter, kept in extension storage
 * next to its open/closed state. This is the wish; the panel shows it within the room it has
 * (drawer-limits.ts), so a short window never overwrites the choice made in a tall one.
 */
import { signal } from '@preact/signals';
import { DRAWER_HEAD_HEIGHT } from './drawer-limits';
import type { KeyValueStorage } from './snippets';
import { storedChoice } from './stored-choice';

export const DEFAULT_DRAWER_HEIGHT = 230;
/** Taller than any screen: a stored value beyond it is damage, not a choice. */
const MAX_STORED_HEIGHT = 10_000;

export const drawerHeight = signal(DEFAULT_DRAWER_HEIGHT);

/** The stored height, or null when what storage holds is not one this panel could have written. */
export function parseStoredDrawerHeight(stored: unknown): number | null {
  if (typeof stored !== 'number' || !Number.isFinite(stored)) return null;
  if (stored < DRAWER_HEAD_HEIGHT || stored > MAX_STORED_HEIGHT) return null;
  return Math.round(stored);
}

const choice = storedChoice('actions:drawer-height', parseStoredDrawerHeight, (height) => (drawerHeight.value = height));

/** Restores the stored height, unless the user resizes the drawer while it is being read. */
export const restoreDrawerHeight = (storage: KeyValueStorage): Promise<void> => choice.restore(storage);

/** Follows the splitter while the user drags it or presses a key. */
export function resizeDrawer(height: number): void {
  choice.changed();
  drawerHeight.value = height;
}

/** Keeps the height the user settled on for the next session. */
export function saveDrawerHeight(storage: KeyValueStorage, height: number): void {
  choice.save(storage, height);
}
