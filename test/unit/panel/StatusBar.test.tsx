import { afterEach, describe, expect, it } from 'vitest';
import { StatusBar } from '../../../src/panel/components/StatusBar';
import { capture } from '../../../src/panel/state/store';
import type { RelayCounters } from '../../../src/shared/protocol';
import { mount } from './dom';
import { captureOf, create, T0 } from './fixtures';

let view: ReturnType<typeof mount> | undefined;
afterEach(() => view?.unmount());

function withCounters(counters: Partial<RelayCounters>) {
  const cap = captureOf([create(1, T0)]);
  for (const frame of cap.frames.values()) frame.counters = { ...frame.counters, ...counters };
  capture.value = cap;
  view = mount(<StatusBar />);
  return view.root.querySelector('[aria-label="Capture health"]')!;
}

describe('the status bar', () => {
  it('says "nothing dropped" when nothing was', () => {
    expect(withCounters({}).textContent).toContain('nothing dropped');
  });

  it('shows a note from the hook as a note: not a fault, and nothing counted as dropped', () => {
    const bar = withCounters({
      notes: 1,
      lastNote: 'popup in its own tab: window.open() returned no window (noopener, or a blocked popup)',
    });
    expect(bar.textContent).toContain('nothing dropped');
    expect(bar.textContent).not.toContain('capture faults');
    const note = bar.querySelector('.note');
    expect(note?.textContent).toContain('popup in its own tab');
    expect(bar.querySelector('.warn')).toBeNull();
  });

  it('counts faults and shows the last problem as a warning', () => {
    const bar = withCounters({ faults: 2, lastError: 'send: boom' });
    expect(bar.textContent).toContain('2 capture faults');
    expect(bar.querySelector('.warn[title="send: boom"]')).not.toBeNull();
  });
});
