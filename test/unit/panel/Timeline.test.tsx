import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { ROW_HEIGHT, Timeline } from '../../../src/panel/components/Timeline';
import { DEFAULT_FILTER } from '../../../src/panel/state/filter';
import { clearCapture } from '../../../src/panel/state/ingest';
import { capture, filter, scrollRequest, selectedRow, version } from '../../../src/panel/state/store';
import { allByRole, byRole, mount } from './dom';
import { captureOf, sent, T0 } from './fixtures';

let view: ReturnType<typeof mount> | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
  selectedRow.value = null;
});

describe('Timeline scroll requests', () => {
  it('scrolls a row selected elsewhere into view once, then clears the request', () => {
    filter.value = DEFAULT_FILTER;
    capture.value = captureOf(Array.from({ length: 300 }, (_, i) => sent(1, T0 + i, `m${i}`)));
    view = mount(<Timeline />);
    const list = byRole(view.root, 'listbox', 'Messages');
    list.scrollTop = 0;
    act(() => {
      selectedRow.value = capture.value.rows[100];
      scrollRequest.value = true;
    });
    expect(scrollRequest.value).toBe(false);
    // The row's bottom edge is brought into the (zero-height, in happy-dom) viewport.
    expect(list.scrollTop).toBe(101 * ROW_HEIGHT - list.clientHeight);
    // The same row can be requested again after the user scrolled away.
    list.scrollTop = 0;
    act(() => {
      scrollRequest.value = true;
    });
    expect(list.scrollTop).toBe(101 * ROW_HEIGHT - list.clientHeight);
  });
});

describe('Timeline after Clear', () => {
  it('renders with a selected row cleared before the next version bump, then shows the empty capture', () => {
    filter.value = DEFAULT_FILTER;
    capture.value = captureOf(Array.from({ length: 30 }, (_, i) => sent(1, T0 + i, `m${i}`)));
    view = mount(<Timeline />);
    act(() => {
      selectedRow.value = capture.value.rows[25];
    });
    // What the toolbar's Clear does; the version bump it schedules comes a frame later.
    act(() => {
      clearCapture(capture.value);
      selectedRow.value = null;
    });
    act(() => {
      version.value++;
    });
    expect(allByRole(view.root, 'option')).toHaveLength(0);
  });
});
