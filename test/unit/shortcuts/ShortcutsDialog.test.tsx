import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyboardShortcuts, ShortcutsButton } from '../../../src/panel/shortcuts/ShortcutsDialog';
import { byRole, click, mount } from '../panel/dom';

let view: ReturnType<typeof mount> | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
});

/** A key as the browser sends it: to the focused element, bubbling up to the window. */
function key(target: Element, key: string): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  act(() => {
    target.dispatchEvent(event);
  });
  return event;
}

function setup() {
  view = mount(
    <>
      <input aria-label="Filter" />
      <div role="listbox" aria-label="Messages" tabIndex={0} />
      <section aria-label="Message details" tabIndex={-1}>
        <button type="button">Hex</button>
      </section>
      <ShortcutsButton />
      <KeyboardShortcuts />
    </>,
  );
  return view.root;
}

const dialog = (root: HTMLElement) => root.querySelector('[role=dialog]');

describe('the keyboard shortcuts list', () => {
  it('opens with "?", lists the timeline keys, and Escape closes it and gives focus back', () => {
    const root = setup();
    const list = byRole(root, 'listbox', 'Messages');
    list.focus();
    expect(key(list, '?').defaultPrevented).toBe(true);
    expect(dialog(root)?.textContent).toContain('Page Up / Page Down');
    expect(document.activeElement?.textContent).toBe('Close');
    key(document.activeElement!, 'Escape');
    expect(dialog(root)).toBeNull();
    expect(document.activeElement).toBe(list);
  });

  it('opens from the toolbar button, and not while typing in a field', () => {
    const root = setup();
    const field = root.querySelector<HTMLInputElement>('input[aria-label=Filter]')!;
    field.focus();
    expect(key(field, '?').defaultPrevented).toBe(false);
    expect(dialog(root)).toBeNull();
    click(byRole(root, 'button', 'Keyboard shortcuts'));
    expect(dialog(root)).not.toBeNull();
    click(byRole(root, 'button', 'Close'));
    expect(dialog(root)).toBeNull();
  });

  it('brings focus back from the details to the timeline with Escape, and leaves other Escapes alone', () => {
    const root = setup();
    const inside = byRole(root, 'button', 'Hex');
    inside.focus();
    expect(key(inside, 'Escape').defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(byRole(root, 'listbox', 'Messages'));
    expect(key(document.activeElement!, 'Escape').defaultPrevented).toBe(false);
  });
});
