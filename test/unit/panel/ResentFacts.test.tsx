import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { DetailPane } from '../../../src/panel/detail/DetailPane';
import { DEFAULT_FILTER } from '../../../src/panel/state/filter';
import { clearCapture } from '../../../src/panel/state/ingest';
import type { Row } from '../../../src/panel/state/model';
import { capture, filter, scrollRequest, selectedRow, updateFilter, version, visibleRows } from '../../../src/panel/state/store';
import type { PayloadBody } from '../../../src/shared/protocol';
import { byRole, mount } from './dom';
import { captureOf, create, open, sent, T0 } from './fixtures';

const fetchPayload = async (): Promise<PayloadBody> => ({ missing: 'not asked' });

let view: ReturnType<typeof mount> | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
  selectedRow.value = null;
  scrollRequest.value = false;
  filter.value = DEFAULT_FILTER;
});

/** "hello" sent on #1 at T0+10, then sent again from it on #2 (seq 6). */
function resentCapture(): Row {
  capture.value = captureOf([
    create(1, T0),
    open(1, T0 + 1),
    sent(1, T0 + 10, 'hello'),
    create(2, T0 + 20),
    open(2, T0 + 21),
    { ...sent(2, T0 + 30, 'hello'), injected: true, from: { frame: 'page', seq: 3 } },
  ]);
  version.value++;
  visibleRows.value; // the timeline's view of the rows, as a mounted timeline would have it
  return capture.value.rows[5];
}

const details = () => byRole(view!.root, 'region', 'Message details');

describe('the details of a message sent again from the timeline', () => {
  it('name the original message and select it (scrolled into view) with Go to original message', () => {
    const resent = resentCapture();
    view = mount(<DetailPane fetchPayload={fetchPayload} />);
    act(() => {
      selectedRow.value = resent;
    });
    expect(details().textContent).toMatch(/Resent from #1, message at \d\d:\d\d:\d\d\.010/);
    act(() => byRole(details(), 'button', 'Go to original message').click());
    expect(selectedRow.value).toBe(capture.value.rows[2]);
    expect(scrollRequest.value).toBe(true);
  });

  it('say when the original is hidden by the filter, and leave the selection', () => {
    const resent = resentCapture();
    view = mount(<DetailPane fetchPayload={fetchPayload} />);
    act(() => {
      selectedRow.value = resent;
      updateFilter({ connection: 'page:2' });
      version.value++;
    });
    act(() => byRole(details(), 'button', 'Go to original message').click());
    expect(selectedRow.value).toBe(resent);
    expect(details().textContent).toContain('hidden by the current filter');
  });

  it('say when the original is no longer in the timeline', () => {
    const resent = resentCapture();
    act(() => {
      const cleared = capture.value;
      clearCapture(cleared);
      cleared.rows.push(resent); // only the resent row arrived after the clear
    });
    view = mount(<DetailPane fetchPayload={fetchPayload} />);
    act(() => {
      selectedRow.value = resent;
    });
    expect(details().textContent).toContain('Resent from a message that is no longer in the timeline');
    expect(details().querySelector('button.link')).toBeNull();
  });
});
