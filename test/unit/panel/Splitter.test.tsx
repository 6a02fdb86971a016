/** The Splitter: a named separator that resizes a pane from the keyboard and the pointer, within its limits. */
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { Splitter } from '../../../src/panel/components/Splitter';
import { byRole, mount, press } from './dom';

let view: ReturnType<typeof mount> | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
});

/** A splitter at `value` that records what it reports. */
function splitter(value: number, min = 60, max = 200) {
  const changes: number[] = [];
  const commits: number[] = [];
  view = mount(
    <Splitter
      label="Resize actions"
      orientation="horizontal"
      value={value}
      min={min}
      max={max}
      onChange={(size) => changes.push(size)}
      onCommit={(size) => commits.push(size)}
    />,
  );
  return { el: byRole(view.root, 'separator', 'Resize actions'), changes, commits };
}

describe('Splitter', () => {
  it('is a named, focusable separator that announces its size and limits', () => {
    const { el } = splitter(120.4);
    expect(el.tabIndex).toBe(0);
    expect(el.getAttribute('aria-orientation')).toBe('horizontal');
    expect(el.getAttribute('aria-valuenow')).toBe('120');
    expect(el.getAttribute('aria-valuemin')).toBe('60');
    expect(el.getAttribute('aria-valuemax')).toBe('200');
  });

  it('moves by 10 px per arrow key, 50 px with Shift, and commits each key press', () => {
    const { el, changes, commits } = splitter(120);
    press(el, 'ArrowUp');
    press(el, 'ArrowDown');
    act(() => {
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', shiftKey: true, bubbles: true }));
    });
    expect(changes).toEqual([110, 130, 170]);
    expect(commits).toEqual([110, 130, 170]);
  });

  it('stops at its limits', () => {
    const high = splitter(195);
    press(high.el, 'ArrowDown');
    expect(high.changes).toEqual([200]);
    view?.unmount();
    const low = splitter(65);
    press(low.el, 'ArrowUp');
    expect(low.changes).toEqual([60]);
  });

  it('follows a drag within its limits, and commits once, when the pointer lets go', () => {
    const { el, changes, commits } = splitter(120);
    const pointer = (type: string, clientY: number) =>
      act(() => {
        el.dispatchEvent(new PointerEvent(type, { pointerId: 1, clientY, bubbles: true }));
      });
    pointer('pointerdown', 300);
    pointer('pointermove', 330);
    pointer('pointermove', 500);
    expect(commits).toEqual([]);
    act(() => {
      el.dispatchEvent(new PointerEvent('lostpointercapture', { pointerId: 1 }));
    });
    pointer('pointermove', 250);
    expect(changes).toEqual([150, 200]);
    expect(commits).toEqual([200]);
  });

  it('leaves other keys alone', () => {
    const { el, changes } = splitter(120);
    press(el, 'Enter');
    press(el, 'a');
    expect(changes).toEqual([]);
  });
});
