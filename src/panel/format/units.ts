/** Number formatting shared by the statistics and the chart. */
import { formatBytes } from './format';

/** Whole numbers as they are (grouped); fractions with one decimal. */
export function formatCount(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

export const formatMessageRate = (n: number): string => `${formatCount(n)}/s`;

export const formatByteRate = (n: number): string => `${formatBytes(Math.round(n))}/s`;

/** A latency: milliseconds with one decimal below 10 ms, whole below a second, then seconds. */
export function formatLatency(ms: number): string {
  if (ms < 10) return `${ms.toLocaleString('en-US', { maximumFractionDigits: 1 })} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toLocaleString('en-US', { maximumFractionDigits: 2 })} s`;
}
