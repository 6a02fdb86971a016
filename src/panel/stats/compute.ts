/**
 * Traffic statistics for one connection or for all of them, computed from the Capture (pure: the
 * clock comes in as `now`). Counts come from the connections (exact even while paused); rates come
 * from the per-second buckets in `capture.series`.
 *
 * "Current" rates are the average over the last CURRENT_WINDOW_SECONDS complete seconds: the second
 * in progress is left out (it would always read low), and a 5 s window smooths bursty traffic.
 * "Peak" rates are the busiest single second.
 */
import type { Bucket, Capture, Connection } from '../state/model';

export const CURRENT_WINDOW_SECONDS = 5;

export interface Split {
  sent: number;
  received: number;
  total: number;
}

export interface Stats {
  /** 'all', or a connection key. */
  scope: string;
  connections: number;
  messagesSent: number;
  messagesReceived: number;
  bytesSent: number;
  bytesReceived: number;
  /** When the (first) connection opened; undefined if none did. */
  connectedAt?: number;
  lastMessageAt?: number;
  /** From opening until the (last) close, or until `now` while a connection is open. */
  uptimeMs?: number;
  averageBytesPerMessage: Split;
  currentMessagesPerSecond: Split;
  currentBytesPerSecond: Split;
  peakMessagesPerSecond: Split;
  peakBytesPerSecond: Split;
}

const split = (sent: number, received: number): Split => ({ sent, received, total: sent + received });
const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

function timing(list: Connection[], now: number): Pick<Stats, 'connectedAt' | 'lastMessageAt' | 'uptimeMs'> {
  let connectedAt: number | undefined;
  let lastMessageAt: number | undefined;
  let end: number | undefined;
  let stillOpen = false;
  for (const c of list) {
    if (c.lastMessageAt !== undefined) lastMessageAt = Math.max(lastMessageAt ?? c.lastMessageAt, c.lastMessageAt);
    if (c.openedAt === undefined) continue;
    connectedAt = Math.min(connectedAt ?? c.openedAt, c.openedAt);
    if (c.closedAt === undefined) stillOpen = true;
    else end = Math.max(end ?? c.closedAt, c.closedAt);
  }
  if (stillOpen) end = now;
  const uptimeMs = connectedAt !== undefined && end !== undefined ? Math.max(0, end - connectedAt) : undefined;
  return { connectedAt, lastMessageAt, uptimeMs };
}

function rates(buckets: Map<number, Bucket> | undefined, now: number) {
  const nowSecond = Math.floor(now / 1000);
  const current = { sm: 0, rm: 0, sb: 0, rb: 0 };
  const peak = { sm: 0, rm: 0, tm: 0, sb: 0, rb: 0, tb: 0 };
  for (const b of buckets?.values() ?? []) {
    if (b.second >= nowSecond - CURRENT_WINDOW_SECONDS && b.second < nowSecond) {
      current.sm += b.sentMessages;
      current.rm += b.receivedMessages;
      current.sb += b.sentBytes;
      current.rb += b.receivedBytes;
    }
    peak.sm = Math.max(peak.sm, b.sentMessages);
    peak.rm = Math.max(peak.rm, b.receivedMessages);
    peak.tm = Math.max(peak.tm, b.sentMessages + b.receivedMessages);
    peak.sb = Math.max(peak.sb, b.sentBytes);
    peak.rb = Math.max(peak.rb, b.receivedBytes);
    peak.tb = Math.max(peak.tb, b.sentBytes + b.receivedBytes);
  }
  const w = CURRENT_WINDOW_SECONDS;
  return {
    currentMessagesPerSecond: split(current.sm / w, current.rm / w),
    currentBytesPerSecond: split(current.sb / w, current.rb / w),
    peakMessagesPerSecond: { sent: peak.sm, received: peak.rm, total: peak.tm },
    peakBytesPerSecond: { sent: peak.sb, received: peak.rb, total: peak.tb },
  };
}

/** Statistics for `scope` ('all' or a connection key); null when that connection is not in the capture. */
export function computeStats(capture: Capture, scope: string, now: number): Stats | null {
  const list = scope === 'all' ? [...capture.connections.values()] : [capture.connections.get(scope)].filter((c) => c !== undefined);
  if (scope !== 'all' && list.length === 0) return null;
  let messagesSent = 0;
  let messagesReceived = 0;
  let bytesSent = 0;
  let bytesReceived = 0;
  for (const c of list) {
    messagesSent += c.sent.messages;
    messagesReceived += c.received.messages;
    bytesSent += c.sent.bytes;
    bytesReceived += c.received.bytes;
  }
  return {
    scope,
    connections: list.length,
    messagesSent,
    messagesReceived,
    bytesSent,
    bytesReceived,
    ...timing(list, now),
    averageBytesPerMessage: {
      sent: ratio(bytesSent, messagesSent),
      received: ratio(bytesReceived, messagesReceived),
      total: ratio(bytesSent + bytesReceived, messagesSent + messagesReceived),
    },
    ...rates(capture.series.get(scope === 'all' ? '*' : scope), now),
  };
}
