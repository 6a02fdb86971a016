/**
 * How a row's menu opens from the timeline: right-click on a row, the row's "⋮" button, or the Menu
 * key / Shift+F10 on the selected row. The handlers sit on a wrapper around the list, so the list
 * itself stays unaware of them.
 */
import type { Row } from '../state/model';
import { selectedRow } from '../state/store';
import { rowMenu } from './menu-state';

const listOf = (wrapper: EventTarget | null) => (wrapper as HTMLElement | null)?.querySelector<HTMLElement>('[role=listbox]') ?? null;

const rowElement = (target: EventTarget | null) => (target as HTMLElement | null)?.closest?.<HTMLElement>('[data-index]') ?? null;

function openForSelection(wrapper: EventTarget | null): void {
  const row = selectedRow.value;
  const list = listOf(wrapper);
  if (!row || !list) return;
  const shown = list.querySelector('.trow.selected') ?? list;
  const rect = shown.getBoundingClientRect();
  rowMenu.value = { row, x: rect.left + 24, y: rect.bottom, returnFocus: list };
}

export const isMenuKey = (event: KeyboardEvent) => event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey);

export function rowMenuTriggers(rowAt: (index: number) => Row | undefined) {
  return {
    onContextMenu(event: MouseEvent) {
      event.preventDefault();
      if (rowMenu.value) return; // already opened by the key that caused this event
      const element = rowElement(event.target);
      const row = element ? rowAt(Number(element.dataset.index)) : undefined;
      if (!element) openForSelection(event.currentTarget);
      else if (row) rowMenu.value = { row, x: event.clientX, y: event.clientY, returnFocus: listOf(event.currentTarget) };
    },
    onClick(event: MouseEvent) {
      const button = (event.target as HTMLElement).closest?.('.row-menu-button');
      const element = rowElement(button ?? null);
      const row = element ? rowAt(Number(element.dataset.index)) : undefined;
      if (!button || !row) return;
      const rect = button.getBoundingClientRect();
      rowMenu.value = { row, x: rect.left, y: rect.bottom, returnFocus: listOf(event.currentTarget) };
    },
    onKeyDown(event: KeyboardEvent) {
      if (!isMenuKey(event)) return;
      event.preventDefault();
      openForSelection(event.currentTarget);
    },
  };
}
