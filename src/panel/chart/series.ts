/**
 * The traffic chart's data: the per-second buckets of one series grouped into at most `maxBins`
 * bars. A short capture gets one bar per second; a long one gets wider bars (2 s, 5 s, 10 s, …,
 * aligned to the clock) whose values are per-second averages, so the axis always reads "per second".
 */
import type { Bucket } from '../state/model';

export type Metric = 'messages' | 'bytes';

export interface ChartBin {
  /** Epoch second at which the bar starts. */
  start: number;
  /** Totals over the bar's seconds. */
  sentMessages: number;
  receivedMessages: number;
  sentBytes: number;
  receivedBytes: number;
}

export interface ChartData {
  binSeconds: number;
  bins: ChartBin[];
}

export const BIN_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400];
export const MAX_BINS = 120;

const binCount = (first: number, last: number, step: number) => Math.floor(last / step) - Math.floor(first / step) + 1;

/**
 * Groups `buckets` (keyed by epoch second) from the first bucket to the last one, or to `untilSecond`
 * when later (so that an open, idle connection shows its recent silence).
 */
export function buildChart(buckets: Map<number, Bucket> | undefined, maxBins = MAX_BINS, untilSecond?: number): ChartData {
  if (!buckets || buckets.size === 0) return { binSeconds: 1, bins: [] };
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const second of buckets.keys()) {
    first = Math.min(first, second);
    last = Math.max(last, second);
  }
  if (untilSecond !== undefined && untilSecond > last) last = untilSecond;
  // Past the largest step (only with absurd clocks), fall back to an even split.
  const step = BIN_STEPS.find((s) => binCount(first, last, s) <= maxBins) ?? Math.ceil((last - first + 1) / (maxBins - 1));
  const origin = Math.floor(first / step);
  const bins: ChartBin[] = [];
  for (let i = 0, n = binCount(first, last, step); i < n; i++) {
    bins.push({ start: (origin + i) * step, sentMessages: 0, receivedMessages: 0, sentBytes: 0, receivedBytes: 0 });
  }
  for (const b of buckets.values()) {
    const bin = bins[Math.floor(b.second / step) - origin];
    bin.sentMessages += b.sentMessages;
    bin.receivedMessages += b.receivedMessages;
    bin.sentBytes += b.sentBytes;
    bin.receivedBytes += b.receivedBytes;
  }
  return { binSeconds: step, bins };
}

/** A bar's per-second values for the chosen metric. */
export function binRates(bin: ChartBin, binSeconds: number, metric: Metric): { sent: number; received: number } {
  const sent = metric === 'messages' ? bin.sentMessages : bin.sentBytes;
  const received = metric === 'messages' ? bin.receivedMessages : bin.receivedBytes;
  return { sent: sent / binSeconds, received: received / binSeconds };
}

/** The highest per-second value among the bars (0 when there are none). */
export function peakRate(data: ChartData, metric: Metric): number {
  let peak = 0;
  for (const bin of data.bins) {
    const r = binRates(bin, data.binSeconds, metric);
    peak = Math.max(peak, r.sent, r.received);
  }
  return peak;
}

/** The smallest 1, 2 or 5 × 10^k at or above `n` (1 for 0), so the axis shows round numbers. */
export function niceCeiling(n: number): number {
  if (!(n > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 5, 10]) if (m * power >= n * (1 - 1e-12)) return m * power;
  return 10 * power;
}
