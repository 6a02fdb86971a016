/** The row menu's state: which row it is open for, where, and where focus returns when it closes. */
import { signal } from '@preact/signals';
import type { Row } from '../state/model';

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
export const rowActionStatus = signal('');

const STATUS_MS = 4000;
let statusTimer: ReturnType<typeof setTimeout> | undefined;

export function showRowActionStatus(text: string): void {
  rowActionStatus.value = text;
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => {
    rowActionStatus.value = '';
  }, STATUS_MS);
}

export function closeRowMenu(returnFocus: boolean): void {
  const request = rowMenu.value;
  rowMenu.value = null;
  if (returnFocus) request?.returnFocus?.focus();
}
