/** Number formatting shared by the statistics and the chart. */
import { formatBytes } from './format';

/** Whole numbers as they are (grouped); fractions with one decimal. */
export function formatCount(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

export const formatMessageRate = (n: number): string => `${formatCount(n)}/s`;

export const formatByteRate = (n: number): string => `${formatBytes(Math.round(n))}/s`;
