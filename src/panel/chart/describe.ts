/** Words for one bar of the chart: shared by the tooltip, the live status and the slider's value text. */
import { formatTime } from '../format/format';
import { formatByteRate, formatCount, formatMessageRate } from '../format/units';
import { binRates, type ChartBin, type Metric } from './series';

/** HH:MM:SS of an epoch second. */
export const clock = (second: number): string => formatTime(second * 1000).slice(0, 8);

const messages = (n: number) => `${formatCount(n)} ${n === 1 ? 'message' : 'messages'}`;

export function describeBin(bin: ChartBin, binSeconds: number, metric: Metric): string {
  const rates = binRates(bin, binSeconds, metric);
  const when = binSeconds === 1 ? clock(bin.start) : `${clock(bin.start)} to ${clock(bin.start + binSeconds)} (${binSeconds} s)`;
  if (metric === 'bytes') {
    return `${when}: sent ${formatByteRate(rates.sent)}, received ${formatByteRate(rates.received)}`;
  }
  if (binSeconds === 1) return `${when}: sent ${messages(bin.sentMessages)}, received ${messages(bin.receivedMessages)}`;
  return `${when}: sent ${messages(bin.sentMessages)} (${formatMessageRate(rates.sent)}), received ${messages(bin.receivedMessages)} (${formatMessageRate(rates.received)})`;
}
