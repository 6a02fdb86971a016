/** Traffic statistics for the connection chosen in the filter (or all connections), as a table. */

import { useNow } from '../components/useNow';
import { formatBytes, formatDuration, formatTime } from '../format/format';
import { formatByteRate, formatCount, formatMessageRate } from '../format/units';
import { scopeLabel } from '../state/scope';
import { capture, filter, version } from '../state/store';
import { CURRENT_WINDOW_SECONDS, computeStats, type Split, type Stats } from './compute';
import { LatencyView } from './LatencyView';

function SplitRow({ name, values, format }: { name: string; values: Split; format: (n: number) => string }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{format(values.sent)}</td>
      <td>{format(values.received)}</td>
      <td>{format(values.total)}</td>
    </tr>
  );
}

function WideRow({ name, value }: { name: string; value: string }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td colSpan={3}>{value}</td>
    </tr>
  );
}

function StatsTable({ stats }: { stats: Stats }) {
  const averaged = `(${CURRENT_WINDOW_SECONDS} s average)`;
  const messages = { sent: stats.messagesSent, received: stats.messagesReceived, total: stats.messagesSent + stats.messagesReceived };
  const bytes = { sent: stats.bytesSent, received: stats.bytesReceived, total: stats.bytesSent + stats.bytesReceived };
  const when = (t: number | undefined) => (t === undefined ? '—' : formatTime(t));
  return (
    <table class="stats-table" aria-label="Statistics">
      <thead>
        <tr>
          <td />
          <th scope="col">Sent</th>
          <th scope="col">Received</th>
          <th scope="col">Total</th>
        </tr>
      </thead>
      <tbody>
        <SplitRow name="Messages" values={messages} format={formatCount} />
        <SplitRow name="Bytes" values={bytes} format={formatBytes} />
        <SplitRow name="Average message size" values={stats.averageBytesPerMessage} format={(n) => formatBytes(Math.round(n))} />
        <SplitRow name={`Current messages/s ${averaged}`} values={stats.currentMessagesPerSecond} format={formatMessageRate} />
        <SplitRow name="Peak messages/s" values={stats.peakMessagesPerSecond} format={formatMessageRate} />
        <SplitRow name={`Current bytes/s ${averaged}`} values={stats.currentBytesPerSecond} format={formatByteRate} />
        <SplitRow name="Peak bytes/s" values={stats.peakBytesPerSecond} format={formatByteRate} />
        <WideRow name="Connected" value={when(stats.connectedAt)} />
        <WideRow name="Last message" value={when(stats.lastMessageAt)} />
        <WideRow name="Uptime" value={stats.uptimeMs === undefined ? '—' : formatDuration(stats.uptimeMs)} />
      </tbody>
    </table>
  );
}

export function StatsView() {
  version.value;
  const now = useNow();
  const scope = filter.value.connection;
  const stats = computeStats(capture.value, scope, now);
  return (
    <section class="stats" aria-label="Traffic statistics">
      <p class="scope">{scopeLabel(capture.value, scope)}</p>
      {stats ? <StatsTable stats={stats} /> : null}
      <LatencyView capture={capture.value} scope={scope} />
    </section>
  );
}
