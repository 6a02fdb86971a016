/**
 * Whether the Actions drawer is open. It starts closed, so that a short DevTools panel shows the
 * timeline first, and the user's choice is kept in extension storage for the next session.
 */
import { signal } from '@preact/signals';
import type { KeyValueStorage } from './snippets';
import { storedChoice } from './stored-choice';

export const drawerOpen = signal(false);

const choice = storedChoice(
  'actions:drawer-open',
  (stored) => (typeof stored === 'boolean' ? stored : null),
  (open) => (drawerOpen.value = open),
);

/** Restores the stored choice, unless the user toggles the drawer while it is being read. */
export const restoreDrawerOpen = (storage: KeyValueStorage): Promise<void> => choice.restore(storage);

export function setDrawerOpen(storage: KeyValueStorage, open: boolean): void {
  choice.changed();
  drawerOpen.value = open;
  choice.save(storage, open);
}
