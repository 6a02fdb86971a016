/** Draws the traffic chart as plain SVG: sent and received bars side by side, axes and their labels. */
import { formatByteRate, formatMessageRate } from '../format/units';
import { clock } from './describe';
import { CHART_HEIGHT, plotBox } from './layout';
import { binRates, type ChartData, type Metric, niceCeiling, peakRate } from './series';

export interface ChartSvgProps {
  data: ChartData;
  metric: Metric;
  width: number;
  /** The highlighted bar, or -1. */
  highlight: number;
}

export function ChartSvg({ data, metric, width, highlight }: ChartSvgProps) {
  const box = plotBox(width);
  const top = niceCeiling(peakRate(data, metric));
  const format = metric === 'messages' ? formatMessageRate : formatByteRate;
  const count = data.bins.length;
  const slot = box.w / Math.max(1, count);
  const barWidth = Math.max(1, slot * 0.42);
  const y = (value: number) => box.y + box.h - (value / top) * box.h;
  const bottom = box.y + box.h;
  const last = data.bins[count - 1];
  return (
    <svg class="chart-svg" width={width} height={CHART_HEIGHT} aria-hidden="true">
      <line class="chart-grid" x1={box.x} x2={box.x + box.w} y1={box.y} y2={box.y} />
      <line class="chart-grid" x1={box.x} x2={box.x + box.w} y1={y(top / 2)} y2={y(top / 2)} />
      <line class="chart-axis" x1={box.x} x2={box.x + box.w} y1={bottom} y2={bottom} />
      <line class="chart-axis" x1={box.x} x2={box.x} y1={box.y} y2={bottom} />
      <text class="chart-label" x={box.x - 4} y={box.y + 4} text-anchor="end">
        {format(top)}
      </text>
      <text class="chart-label" x={box.x - 4} y={y(top / 2) + 4} text-anchor="end">
        {format(top / 2)}
      </text>
      <text class="chart-label" x={box.x - 4} y={bottom} text-anchor="end">
        0
      </text>
      {highlight >= 0 && highlight < count ? (
        <rect class="chart-cursor" x={box.x + highlight * slot} y={box.y} width={Math.max(1, slot)} height={box.h} />
      ) : null}
      {data.bins.map((bin, i) => {
        const r = binRates(bin, data.binSeconds, metric);
        const x = box.x + i * slot + slot * 0.08;
        return (
          <g key={bin.start}>
            {r.sent > 0 ? <rect class="bar-sent" x={x} y={y(r.sent)} width={barWidth} height={bottom - y(r.sent)} /> : null}
            {r.received > 0 ? (
              <rect class="bar-recv" x={x + barWidth} y={y(r.received)} width={barWidth} height={bottom - y(r.received)} />
            ) : null}
          </g>
        );
      })}
      {count > 0 ? (
        <text class="chart-label" x={box.x} y={CHART_HEIGHT - 3}>
          {clock(data.bins[0].start)}
        </text>
      ) : null}
      {count > 1 ? (
        <text class="chart-label" x={box.x + box.w} y={CHART_HEIGHT - 3} text-anchor="end">
          {clock(last.start + data.binSeconds)}
        </text>
      ) : null}
    </svg>
  );
}
