/**
 * A row's action menu (right-click, the Menu key or Shift+F10 on the selected row, or the row's "⋮"
 * button). Arrow keys, Home and End move between items; Escape or Tab close it and focus returns to
 * the timeline; a click elsewhere closes it, and a right-click on it does nothing (no browser menu over it).
 * Also shows the last action's outcome.
 */
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { capture } from '../state/store';
import { type RowMenuItem, rowMenuItems } from './menu-items';
import { closeRowMenu, type RowMenuRequest, rowActionStatus, rowMenu, showRowActionStatus } from './menu-state';
import { type RowActionDeps, runRowAction } from './row-commands';
import './row-actions.css';

const MENU_ID = 'row-menu';

function items(menu: HTMLElement | null): HTMLElement[] {
  return menu ? [...menu.querySelectorAll<HTMLElement>('[role=menuitem]')] : [];
}

function moveFocus(menu: HTMLElement | null, key: string): boolean {
  const all = items(menu);
  if (all.length === 0) return false;
  const at = all.indexOf(document.activeElement as HTMLElement);
  const next: Record<string, number> = {
    ArrowDown: (at + 1) % all.length,
    ArrowUp: (at - 1 + all.length) % all.length,
    Home: 0,
    End: all.length - 1,
  };
  if (!(key in next)) return false;
  all[next[key]].focus();
  return true;
}

/** Keeps the menu inside the window: it opens where asked, moved left or up if it would overflow. */
function placeInside(menu: HTMLElement, x: number, y: number): void {
  const rect = menu.getBoundingClientRect();
  menu.style.left = `${Math.max(0, Math.min(x, window.innerWidth - rect.width))}px`;
  menu.style.top = `${Math.max(0, Math.min(y, window.innerHeight - rect.height))}px`;
}

function RowMenu({ request, deps }: { request: RowMenuRequest; deps: RowActionDeps }) {
  const menu = useRef<HTMLDivElement>(null);
  const list: RowMenuItem[] = rowMenuItems(capture.value, request.row);

  useLayoutEffect(() => {
    if (!menu.current) return;
    placeInside(menu.current, request.x, request.y);
    items(menu.current)[0]?.focus();
  }, [request]);

  useEffect(() => {
    const closeOutside = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node)) closeRowMenu(false);
    };
    document.addEventListener('mousedown', closeOutside, true);
    return () => document.removeEventListener('mousedown', closeOutside, true);
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      closeRowMenu(true);
    } else if (moveFocus(menu.current, event.key)) {
      event.preventDefault();
    }
  };

  // A right-click on the open menu belongs to it: without this the browser's own context menu (Firefox's
  // page menu) opens on top of it.
  const onContextMenu = (event: MouseEvent) => event.preventDefault();

  const choose = (item: RowMenuItem) => {
    closeRowMenu(true);
    if (item.unavailable) showRowActionStatus(item.unavailable);
    else void runRowAction(item.id, request.row, deps, item.target);
  };

  return (
    <div ref={menu} id={MENU_ID} class="row-menu" role="menu" aria-label="Row actions" onKeyDown={onKeyDown} onContextMenu={onContextMenu}>
      {list.map((item) => [
        item.groupStart ? <hr key={`${item.id}-sep`} /> : null,
        <button
          key={item.target ? `${item.id}:${item.target}` : item.id}
          type="button"
          role="menuitem"
          tabIndex={-1}
          aria-disabled={item.unavailable ? 'true' : undefined}
          title={item.unavailable ?? undefined}
          onClick={() => choose(item)}
        >
          {item.label}
        </button>,
      ])}
    </div>
  );
}

export function RowMenuHost(deps: RowActionDeps) {
  const request = rowMenu.value;
  const open = request !== null && rowMenuItems(capture.value, request.row).length > 0;
  return (
    <>
      {open ? <RowMenu request={request} deps={deps} /> : null}
      <div class="row-action-status" role="status">
        {rowActionStatus.value}
      </div>
    </>
  );
}
