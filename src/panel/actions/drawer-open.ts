/**
 * Whether the Actions drawer is open. It starts closed, so that a short DevTools panel shows the
 * timeline first, and the user's choice is kept in extension storage for the next session.
 */
import { signal } from '@preact/signals';
import type { KeyValueStorage } from './snippets';

const KEY = 'actions:drawer-open';

export const drawerOpen = signal(false);

/** Counts the user's toggles, so that a slow read never undoes a choice made while it was pending. */
let toggles = 0;

/** Restores the stored choice, unless the user toggles the drawer while it is being read. */
export async function restoreDrawerOpen(storage: KeyValueStorage): Promise<void> {
  const togglesBefore = toggles;
  let stored: unknown;
  try {
    stored = await storage.get(KEY);
  } catch {
    return; // storage unavailable: keep the default
  }
  if (toggles === togglesBefore && typeof stored === 'boolean') drawerOpen.value = stored;
}

export function setDrawerOpen(storage: KeyValueStorage, open: boolean): void {
  toggles++;
  drawerOpen.value = open;
  storage.set(KEY, open).catch(() => undefined); // not kept: the drawer still toggles for this session
}
