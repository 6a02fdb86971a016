/** The row menu's state: which row it is open for, where, and where focus returns when it closes. */
import { signal } from '@preact/signals';
import type { Row } from '../state/model';
import { transientStatus } from '../state/transient-status';

export interface RowMenuRequest {
  row: Row;
  /** Viewport coordinates of the menu's top-left corner (it is moved back inside the window if needed). */
  x: number;
  y: number;
  /** Focus goes back here when the menu closes (the timeline). */
  returnFocus: HTMLElement | null;
}

export const rowMenu = signal<RowMenuRequest | null>(null);

/** The outcome of the last row action ("Copied 12 bytes as text"), announced and shown briefly. */
const rowActionOutcome = transientStatus(4000);
export const rowActionStatus = rowActionOutcome.text;
export const showRowActionStatus = rowActionOutcome.show;

export function closeRowMenu(returnFocus: boolean): void {
  const request = rowMenu.value;
  rowMenu.value = null;
  if (returnFocus) request?.returnFocus?.focus();
}
