import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FILTER } from '../../../src/panel/state/filter';
import { capture, filter } from '../../../src/panel/state/store';
import { Toolbar } from '../../../src/panel/Toolbar';
import { click, mount } from './dom';
import { captureOf, create, T0 } from './fixtures';

let view: ReturnType<typeof mount>;
beforeEach(() => {
  filter.value = DEFAULT_FILTER;
  capture.value = captureOf([create(1, T0, 'wss://chat.test/')]);
  view = mount(<Toolbar />);
});
afterEach(() => view.unmount());

/** The checkbox inside the label whose text is `text`. */
function checkbox(text: string): HTMLInputElement {
  const label = [...view.root.querySelectorAll('label')].find((l) => l.textContent === text);
  if (!label) throw new Error(`no checkbox labelled ${text}`);
  return label.querySelector('input')!;
}

describe('Toolbar filter checkboxes', () => {
  it.each([
    ['Regex', 'regex'],
    ['Invert', 'invert'],
    ['Messages only', 'messagesOnly'],
    ['Hide heartbeats', 'hideHeartbeats'],
  ] as const)('"%s" switches the filter\'s %s on and off', (text, field) => {
    click(checkbox(text));
    expect(filter.value[field]).toBe(true);
    expect(checkbox(text).checked).toBe(true);
    click(checkbox(text));
    expect(filter.value[field]).toBe(false);
    expect({ ...filter.value, [field]: DEFAULT_FILTER[field] }).toEqual(DEFAULT_FILTER);
  });

  it('filters by the connection picked', () => {
    const select = view.root.querySelector<HTMLSelectElement>('select[aria-label="Connection"]')!;
    expect(select.value).toBe('all');
    act(() => {
      select.value = 'page:1';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(filter.value.connection).toBe('page:1');
  });
});
