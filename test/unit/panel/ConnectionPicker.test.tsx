import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionPicker } from '../../../src/panel/components/ConnectionPicker';
import { mount } from './dom';
import { captureOf, close, create, open, T0 } from './fixtures';

const connections = captureOf([
  create(1, T0, 'wss://chat.test/'),
  open(1, T0),
  create(2, T0, 'wss://feed.test/'),
  close(2, T0),
]).connections;

let view: ReturnType<typeof mount> | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
});

const options = (select: HTMLSelectElement) => [...select.options].map((o) => [o.value, o.textContent]);

describe('ConnectionPicker', () => {
  it('lists the connections as "#n url", after "All connections" when asked', () => {
    view = mount(<ConnectionPicker label="Connection" connections={connections.values()} value="all" onPick={() => {}} all />);
    const select = view.root.querySelector('select')!;
    expect(select.getAttribute('aria-label')).toBe('Connection');
    expect(options(select)).toEqual([
      ['all', 'All connections'],
      ['page:1', '#1 wss://chat.test/'],
      ['page:2', '#2 wss://feed.test/'],
    ]);
  });

  it('shows each live state and a caption when asked, and reports the key picked', () => {
    const onPick = vi.fn();
    view = mount(
      <ConnectionPicker
        label="Target connection"
        connections={connections.values()}
        value="page:1"
        onPick={onPick}
        withState
        caption="Act on"
      />,
    );
    const select = view.root.querySelector('select')!;
    expect(select.closest('label')?.firstChild?.textContent).toBe('Act on');
    expect(options(select)).toEqual([
      ['page:1', '#1 wss://chat.test/ (open)'],
      ['page:2', '#2 wss://feed.test/ (closed)'],
    ]);
    expect(select.value).toBe('page:1');
    act(() => {
      select.value = 'page:2';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(onPick).toHaveBeenCalledWith('page:2');
  });
});
