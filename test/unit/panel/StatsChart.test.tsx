import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chartMetric, TrafficChart } from '../../../src/panel/chart/TrafficChart';
import { OverviewTabs } from '../../../src/panel/OverviewTabs';
import { DEFAULT_FILTER } from '../../../src/panel/state/filter';
import { capture, filter, scrollRequest, selectedRow, updateFilter } from '../../../src/panel/state/store';
import { StatsView } from '../../../src/panel/stats/StatsView';
import { allByRole, byRole, click, mount, press } from './dom';
import { captureOf, close, create, open, received, sent, T0 } from './fixtures';

const s = (seconds: number) => T0 + seconds * 1000;

let view: ReturnType<typeof mount> | null = null;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(s(10));
  filter.value = DEFAULT_FILTER;
  chartMetric.value = 'messages';
  capture.value = captureOf([
    create(1, s(0), 'wss://chat.test/'),
    open(1, s(0)),
    sent(1, s(1), 'hello'),
    received(1, s(1.5), 'hi'),
    received(1, s(3), 'how are you'),
    close(1, s(4)),
    create(2, s(2), 'wss://feed.test/'),
    open(2, s(2)),
    received(2, s(8), 'tick'),
  ]);
});
afterEach(() => {
  view?.unmount();
  view = null;
  selectedRow.value = null;
  scrollRequest.value = false;
  vi.useRealTimers();
});

/** The table's cells for the row header `name`. */
function cells(name: string): string[] {
  const row = [...byRole(view!.root, 'table', 'Statistics').querySelectorAll('tr')].find(
    (tr) => tr.querySelector('th')?.textContent === name,
  );
  return [...(row?.querySelectorAll('td') ?? [])].map((td) => td.textContent ?? '');
}

describe('StatsView', () => {
  it('shows all connections, then follows the connection filter', () => {
    view = mount(<StatsView />);
    expect(byRole(view.root, 'region', 'Traffic statistics').querySelector('.scope')?.textContent).toBe('All connections (2)');
    expect(cells('Messages')).toEqual(['1', '3', '4']);
    expect(cells('Bytes')).toEqual(['5 B', '17 B', '22 B']);
    expect(cells('Peak messages/s')).toEqual(['1/s', '1/s', '2/s']);
    expect(cells('Current messages/s (5 s average)')).toEqual(['0/s', '0.2/s', '0.2/s']);
    expect(cells('Uptime')).toEqual(['10.0 s']);
    updateFilter({ connection: 'page:1' });
    view.unmount();
    view = mount(<StatsView />);
    expect(view.root.querySelector('.scope')?.textContent).toBe('Connection #1 wss://chat.test/');
    expect(cells('Messages')).toEqual(['1', '2', '3']);
    expect(cells('Average message size')).toEqual(['5 B', '7 B', '6 B']);
    expect(cells('Uptime')).toEqual(['4.0 s']);
  });
});

describe('TrafficChart', () => {
  it('is a keyboard slider over the seconds whose values are announced', () => {
    view = mount(<TrafficChart />);
    const chart = byRole(view.root, 'slider', 'Traffic over time');
    // Seconds 1 to 10 (connection #2 is still open, so the chart runs until now).
    expect(chart.getAttribute('aria-valuemax')).toBe('9');
    expect(chart.getAttribute('aria-valuenow')).toBe('9');
    press(chart, 'Home');
    expect(chart.getAttribute('aria-valuenow')).toBe('0');
    const status = byRole(view.root, 'region', 'Traffic chart').querySelector('[role=status]');
    expect(status?.textContent).toMatch(/^\d\d:\d\d:01: sent 1 message, received 1 message$/);
    press(chart, 'ArrowRight');
    press(chart, 'ArrowRight');
    expect(status?.textContent).toMatch(/:03: sent 0 messages, received 1 message$/);
    expect(chart.getAttribute('aria-valuetext')).toBe(status?.textContent);
    click(byRole(view.root, 'button', 'Bytes'));
    expect(byRole(view.root, 'button', 'Bytes').getAttribute('aria-pressed')).toBe('true');
    expect(chart.getAttribute('aria-valuetext')).toMatch(/:03: sent 0 B\/s, received 11 B\/s$/);
    // Second 1 has a bar each way; seconds 3 and 8 have a received bar.
    expect(chart.querySelectorAll('rect.bar-sent, rect.bar-recv')).toHaveLength(4);
  });

  it('jumps the timeline to the first row at or after the chosen second (Enter)', () => {
    view = mount(<TrafficChart />);
    const chart = byRole(view.root, 'slider', 'Traffic over time');
    press(chart, 'Home');
    press(chart, 'ArrowRight');
    press(chart, 'Enter');
    // Second 2 holds no message, but connection #2 was created then: the timeline shows that row.
    expect(selectedRow.value).toMatchObject({ k: 'create', conn: 2, t: s(2) });
    expect(scrollRequest.value).toBe(true);
    expect(view.root.querySelector('.chart-status')?.textContent).toMatch(/^Jumped to the first event at or after \d\d:\d\d:02$/);
  });

  it('shows a tooltip for the bar under the pointer, and clicking it jumps there', () => {
    view = mount(<TrafficChart />);
    const chart = byRole(view.root, 'slider', 'Traffic over time');
    // 480 px wide (the fallback width): bars start at x = 58 and share 414 px, about 41 px per second.
    act(() => {
      chart.dispatchEvent(new MouseEvent('mousemove', { clientX: 58 + 41 * 7 + 20, bubbles: true }));
    });
    expect(view.root.querySelector('.chart-tooltip')?.textContent).toMatch(/:08: sent 0 messages, received 1 message$/);
    act(() => {
      chart.dispatchEvent(new MouseEvent('click', { clientX: 58 + 41 * 7 + 20, bubbles: true }));
    });
    expect(selectedRow.value).toMatchObject({ k: 'msg', conn: 2, t: s(8) });
    act(() => {
      chart.dispatchEvent(new MouseEvent('mouseleave', { bubbles: false }));
    });
    expect(view.root.querySelector('.chart-tooltip')).toBeNull();
  });

  it('follows the connection filter', () => {
    updateFilter({ connection: 'page:1' });
    view = mount(<TrafficChart />);
    // Connection #1 closed: its chart spans its own traffic, seconds 1 to 3.
    expect(byRole(view.root, 'slider', 'Traffic over time').getAttribute('aria-valuemax')).toBe('2');
  });
});

describe('OverviewTabs', () => {
  it('shows the connections first and switches to stats, the chart and the rules', () => {
    view = mount(<OverviewTabs />);
    expect(allByRole(byRole(view.root, 'tablist', 'Overview'), 'tab').map((t) => t.textContent)).toEqual([
      'Connections',
      'Stats',
      'Chart',
      'Rules',
    ]);
    expect(byRole(view.root, 'region', 'Connections')).toBeTruthy();
    press(byRole(view.root, 'tab', 'Connections'), 'ArrowRight');
    expect(byRole(view.root, 'table', 'Statistics')).toBeTruthy();
    click(byRole(view.root, 'tab', 'Chart'));
    expect(byRole(view.root, 'slider', 'Traffic over time')).toBeTruthy();
    press(byRole(view.root, 'tab', 'Chart'), 'End');
    expect(byRole(view.root, 'region', 'Message rules for this site')).toBeTruthy();
    click(byRole(view.root, 'tab', 'Connections'));
  });
});
