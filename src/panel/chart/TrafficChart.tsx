/**
 * Messages or bytes per second over time, sent vs received, for the connection in the filter (or
 * all). Keyboard: the chart is a slider over its bars (arrows, Home/End, PageUp/PageDown), Enter
 * jumps the timeline to that moment; a role=status line reads the highlighted bar's values.
 */
import { batch, signal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useNow } from '../components/useNow';
import { scopeLabel } from '../state/scope';
import { capture, filter, scrollRequest, selectedRow, version, visibleView } from '../state/store';
import { ChartSvg } from './ChartSvg';
import { clock, describeBin } from './describe';
import { firstVisibleAtOrAfter } from './jump';
import { binAtX, maxBinsFor, plotBox } from './layout';
import { buildChart, MAX_BINS, type Metric } from './series';

/** Kept across tab switches. */
export const chartMetric = signal<Metric>('messages');

function useWidth(fallback: number) {
  const ref = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth || fallback));
    observer.observe(el);
    return () => observer.disconnect();
  }, [fallback]);
  return [ref, width] as const;
}

/** Selects the first visible timeline row at or after `second`; returns what happened, for the status line. */
function jumpTo(second: number): string {
  const { rows, indices } = visibleView.value;
  const at = firstVisibleAtOrAfter(rows, indices, second * 1000);
  if (at < 0) return `No timeline event at or after ${clock(second)}`;
  batch(() => {
    selectedRow.value = rows[indices[at]];
    scrollRequest.value = true;
  });
  return `Jumped to the first event at or after ${clock(second)}`;
}

export function TrafficChart() {
  version.value;
  const now = useNow();
  const [box, width] = useWidth(480);
  const [picked, setPicked] = useState<number | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  const [status, setStatus] = useState('');
  const metric = chartMetric.value;
  const scope = filter.value.connection;
  const cap = capture.value;
  const live = [...cap.connections.values()].some((c) => (scope === 'all' || c.key === scope) && c.state !== 'closed');
  const data = buildChart(
    cap.series.get(scope === 'all' ? '*' : scope),
    maxBinsFor(width, MAX_BINS),
    live ? Math.floor(now / 1000) : undefined,
  );
  const count = data.bins.length;
  // Without a pick, the newest bar is highlighted (and follows new data).
  const current = picked === null ? count - 1 : Math.min(picked, count - 1);

  const pick = (i: number) => {
    const next = Math.max(0, Math.min(count - 1, i));
    setPicked(next);
    setStatus(describeBin(data.bins[next], data.binSeconds, metric));
  };
  const jump = (i: number) => setStatus(jumpTo(data.bins[i].start));

  const onKeyDown = (event: KeyboardEvent) => {
    if (count === 0) return;
    const moves: Record<string, number> = {
      ArrowLeft: current - 1,
      ArrowDown: current - 1,
      ArrowRight: current + 1,
      ArrowUp: current + 1,
      PageUp: current - 10,
      PageDown: current + 10,
      Home: 0,
      End: count - 1,
    };
    if (event.key in moves) pick(moves[event.key]);
    else if (event.key === 'Enter' || event.key === ' ') jump(current);
    else return;
    event.preventDefault();
  };
  const binAtPointer = (event: MouseEvent) => {
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
    return binAtX(event.clientX - rect.left, plotBox(width), count);
  };

  const metricButton = (m: Metric, label: string) => (
    <button type="button" aria-pressed={metric === m} onClick={() => (chartMetric.value = m)}>
      {label}
    </button>
  );
  const valueText = current >= 0 ? describeBin(data.bins[current], data.binSeconds, metric) : 'No traffic';
  return (
    <section ref={box} class="chart" aria-label="Traffic chart">
      <div class="chart-head">
        <span class="scope">{scopeLabel(cap, scope)}</span>
        <span class="legend-sent">■ Sent</span>
        <span class="legend-recv">■ Received</span>
        <span class="chart-bin">{count ? `${data.binSeconds} s per bar` : ''}</span>
        <fieldset class="chart-metric" aria-label="Chart metric">
          {metricButton('messages', 'Messages')}
          {metricButton('bytes', 'Bytes')}
        </fieldset>
      </div>
      {count === 0 ? (
        <p class="empty">No messages yet.</p>
      ) : (
        <div
          class="chart-plot"
          role="slider"
          tabIndex={0}
          aria-label="Traffic over time"
          aria-valuemin={0}
          aria-valuemax={count - 1}
          aria-valuenow={current}
          aria-valuetext={valueText}
          onKeyDown={onKeyDown}
          onMouseMove={(e) => setHover(binAtPointer(e))}
          onMouseLeave={() => setHover(null)}
          onClick={(e) => {
            const i = binAtPointer(e);
            pick(i);
            jump(i);
          }}
        >
          <ChartSvg data={data} metric={metric} width={width} highlight={hover ?? current} />
          {hover !== null && hover < count ? (
            <div
              class="chart-tooltip"
              aria-hidden="true"
              style={{ left: `${Math.min(plotBox(width).x + (hover * plotBox(width).w) / count, width - 220)}px` }}
            >
              {describeBin(data.bins[hover], data.binSeconds, metric)}
            </div>
          ) : null}
        </div>
      )}
      <p class="chart-status" role="status">
        {status}
      </p>
    </section>
  );
}
