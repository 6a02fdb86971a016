import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExportControls } from '../../../src/panel/export/ExportControls';
import { shiftIntoView } from '../../../src/panel/export/keep-in-view';
import { capture } from '../../../src/panel/state/store';
import { mount } from '../panel/dom';
import { fakeFetch, fixtureCapture } from './fixture';

describe('shiftIntoView', () => {
  it('leaves a box that fits where it is', () => {
    expect(shiftIntoView(200, 540, 554)).toBe(0);
  });

  it('moves a box past the left edge right, and one past the right edge left, to 4 px from the edge', () => {
    // the Export dialog of a 554 px panel whose toolbar wrapped its group to the start of a row
    expect(shiftIntoView(-284, 58, 554)).toBe(288);
    expect(shiftIntoView(300, 700, 554)).toBe(-150);
  });

  it('keeps the left edge in view when the box is wider than the panel', () => {
    expect(shiftIntoView(-10, 600, 554)).toBe(14);
    expect(shiftIntoView(100, 800, 554)).toBe(-96);
  });
});

describe('the export dialog in a narrow panel', () => {
  afterEach(() => vi.restoreAllMocks());

  it('moves inside the panel when it would open past its left edge, and again on resize', async () => {
    capture.value = fixtureCapture();
    vi.spyOn(document.documentElement, 'clientWidth', 'get').mockReturnValue(554);
    // Where the dialog lands without a shift: as in Chromium, a box from x = -284 to 58.
    const rect = vi
      .spyOn(HTMLElement.prototype, 'getBoundingClientRect')
      .mockReturnValue({ left: -284, right: 58, top: 74, bottom: 400, width: 342, height: 326, x: -284, y: 74 } as DOMRect);
    const { root, unmount } = mount(<ExportControls fetchPayload={fakeFetch} />);
    root.querySelector<HTMLButtonElement>('button[aria-haspopup=dialog]')!.click();
    const dialog = () => root.querySelector<HTMLElement>('[role=dialog][aria-label=Export]')!;
    await vi.waitFor(() => expect(dialog().style.translate).toBe('288px 0'));
    rect.mockReturnValue({ left: 500, right: 842, top: 74, bottom: 400, width: 342, height: 326, x: 500, y: 74 } as DOMRect);
    window.dispatchEvent(new Event('resize'));
    expect(dialog().style.translate).toBe('-292px 0');
    unmount();
  });
});
