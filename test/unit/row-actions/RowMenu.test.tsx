import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draft, pickedConnection } from '../../../src/panel/actions/action-state';
import { Timeline } from '../../../src/panel/components/Timeline';
import { rowMenu } from '../../../src/panel/row-actions/menu-state';
import { RowMenuHost } from '../../../src/panel/row-actions/RowMenu';
import { DEFAULT_FILTER } from '../../../src/panel/state/filter';
import { capture, filter, selectedRow, version } from '../../../src/panel/state/store';
import type { PayloadBody, ToRelay } from '../../../src/shared/protocol';
import { allByRole, byRole, mount, press, settle } from '../panel/dom';
import { captureOf, create, open, received, sent, T0 } from '../panel/fixtures';

let view: ReturnType<typeof mount> | null = null;
let relayed: ToRelay[] = [];
let copied: string[] = [];
/** Bodies the relay would answer with, by seq; rows in these fixtures are complete, so none is asked for. */
const fetchPayload = async (): Promise<PayloadBody> => ({ missing: 'not asked in these tests' });

beforeEach(() => {
  relayed = [];
  copied = [];
  Object.defineProperty(navigator, 'clipboard', {
    value: { writeText: async (text: string) => void copied.push(text) },
    configurable: true,
  });
  filter.value = DEFAULT_FILTER;
  capture.value = captureOf([
    create(1, T0, 'wss://one.test/'),
    open(1, T0 + 5),
    sent(1, T0 + 10, 'hello'),
    received(1, T0 + 20, '{"ok":true}'),
    create(2, T0 + 30, 'wss://two.test/'),
    sent(2, T0 + 40, 'other'),
  ]);
  version.value++;
  view = mount(
    <>
      <Timeline />
      <RowMenuHost fetchPayload={fetchPayload} send={(m) => relayed.push(m)} />
    </>,
  );
});

afterEach(() => {
  view?.unmount();
  view = null;
  rowMenu.value = null;
  selectedRow.value = null;
  pickedConnection.value = null;
});

const list = () => byRole(view!.root, 'listbox', 'Messages');
const menu = () => byRole(view!.root, 'menu', 'Row actions');
const items = () => allByRole(menu(), 'menuitem').map((el) => el.textContent);
const shownTexts = () => allByRole(list(), 'option').map((el) => el.querySelector('.c-preview')?.textContent);

function openOnRow(index: number) {
  act(() => {
    selectedRow.value = capture.value.rows[index];
  });
  list().focus();
  press(list(), 'ContextMenu');
}

describe('the row menu', () => {
  it('opens from the keyboard on the selected row, moves with the arrows, and Escape returns focus to the timeline', () => {
    openOnRow(2);
    expect(items()).toEqual([
      'Copy as text',
      'Copy as JSON',
      'Copy as base64',
      'Copy as hex',
      'Send again',
      'Edit and send',
      'Filter to connection #1',
      'Hide connection #1',
      'Copy connection as Node script',
      'Copy connection as websocat command',
    ]);
    expect(document.activeElement?.textContent).toBe('Copy as text');
    press(document.activeElement!, 'ArrowDown');
    expect(document.activeElement?.textContent).toBe('Copy as JSON');
    press(document.activeElement!, 'ArrowUp');
    press(document.activeElement!, 'ArrowUp');
    expect(document.activeElement?.textContent).toBe('Copy connection as websocat command');
    press(document.activeElement!, 'Home');
    expect(document.activeElement?.textContent).toBe('Copy as text');
    press(document.activeElement!, 'Escape');
    expect(view!.root.querySelector('[role=menu]')).toBeNull();
    expect(document.activeElement).toBe(list());
  });

  it('opens with Shift+F10 and from a right-click on a row, for that row', () => {
    act(() => {
      selectedRow.value = capture.value.rows[0];
    });
    act(() => {
      list().dispatchEvent(new KeyboardEvent('keydown', { key: 'F10', shiftKey: true, bubbles: true, cancelable: true }));
    });
    expect(items()).toContain('Filter to connection #1');
    expect(items()).not.toContain('Copy as text'); // a lifecycle row has no payload
    act(() => {
      rowMenu.value = null;
    });
    const row = list().querySelector('[data-index="5"] .trow')!;
    act(() => {
      row.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: 30, clientY: 40 }));
    });
    expect(items()).toContain('Hide connection #2');
  });

  it('opens for the selected row on a keyboard-made contextmenu (aimed at the focused timeline, not a row)', () => {
    act(() => {
      selectedRow.value = capture.value.rows[5];
    });
    list().focus();
    const event = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    act(() => {
      list().dispatchEvent(event);
    });
    expect(event.defaultPrevented).toBe(true);
    expect(items()).toContain('Hide connection #2'); // row 5: "other", sent on #2
    expect(document.activeElement?.textContent).toBe('Copy as text');
  });

  it('keeps a right-click on the open menu from reaching the browser, and stays open', () => {
    openOnRow(2);
    const item = byRole(menu(), 'menuitem', 'Copy as JSON');
    const event = new MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: 5, clientY: 5 });
    act(() => {
      item.dispatchEvent(event);
    });
    expect(event.defaultPrevented).toBe(true);
    expect(items()).toContain('Copy as JSON');
  });

  it('copies the payload, filters to the connection and hides it', async () => {
    openOnRow(3);
    act(() => byRole(menu(), 'menuitem', 'Copy as JSON').click());
    await settle();
    expect(copied).toEqual(['{\n  "ok": true\n}']);
    expect(view!.root.querySelector('.row-action-status')?.textContent).toBe('Copied as JSON.');

    openOnRow(3);
    act(() => byRole(menu(), 'menuitem', 'Filter to connection #1').click());
    await settle();
    expect(shownTexts()).toEqual(['new WebSocket(wss://one.test/)', 'open', 'hello', '{"ok":true}']);

    act(() => {
      filter.value = DEFAULT_FILTER;
    });
    openOnRow(3);
    act(() => byRole(menu(), 'menuitem', 'Hide connection #1').click());
    await settle();
    expect(shownTexts()).toEqual(['new WebSocket(wss://two.test/)', 'other']);
  });

  it('sends a sent message again on its own open connection, and puts one in the editor', async () => {
    openOnRow(2);
    act(() => byRole(menu(), 'menuitem', 'Send again').click());
    await settle();
    // The new row will link back to the row it was sent from.
    expect(relayed).toEqual([
      { type: 'command', frame: 'page', command: { c: 'send', id: 1, text: 'hello', from: { frame: 'page', seq: 3 } } },
    ]);

    openOnRow(3);
    act(() => byRole(menu(), 'menuitem', 'Edit and send').click());
    await settle();
    expect(draft.value).toEqual({ text: '{"ok":true}', format: 'text', from: { frame: 'page', seq: 4 } });
    expect(pickedConnection.value).toBe('page:1');
  });

  it('sends a message again on another open connection, with the row it came from', async () => {
    act(() => {
      capture.value = captureOf([
        create(1, T0, 'wss://one.test/'),
        open(1, T0 + 5),
        sent(1, T0 + 10, 'hello'),
        create(2, T0 + 30, 'wss://two.test/'),
        open(2, T0 + 35),
      ]);
      version.value++;
    });
    openOnRow(2);
    expect(items()).toContain('Send again on #2');
    act(() => byRole(menu(), 'menuitem', 'Send again on #2').click());
    await settle();
    expect(relayed).toEqual([
      { type: 'command', frame: 'page', command: { c: 'send', id: 2, text: 'hello', from: { frame: 'page', seq: 3 } } },
    ]);
    expect(view!.root.querySelector('.row-action-status')?.textContent).toBe('Sent 5 bytes on #2.');
  });

  it('marks Send again unavailable on a connection that never opened, and says why instead of sending', async () => {
    openOnRow(5);
    const again = byRole(menu(), 'menuitem', 'Send again');
    expect(again.getAttribute('aria-disabled')).toBe('true');
    act(() => again.click());
    await settle();
    expect(relayed).toEqual([]);
    expect(view!.root.querySelector('.row-action-status')?.textContent).toMatch(/#2 is connecting/);
  });

  it('copies the connection as a Node script holding its sent messages', async () => {
    openOnRow(2);
    act(() => byRole(menu(), 'menuitem', 'Copy connection as Node script').click());
    await settle();
    expect(copied).toHaveLength(1);
    expect(copied[0]).toContain('const url = "wss://one.test/";');
    expect(copied[0]).toContain('[5, "text", "hello"],');
    expect(copied[0].match(/^ {2}\[\d+, "(text|base64)", /gm)).toHaveLength(1); // the received message is not replayed
  });
});
