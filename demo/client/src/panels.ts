// Connection panel, statistics box and event log.
import { appendCapped, byId, clock, el } from './dom.ts';
import type { ResilientSocket } from './socket.ts';
import type { StatsSnapshot } from './stats.ts';

export const STAT_FIELDS: (keyof StatsSnapshot)[] = [
  'messagesSent',
  'messagesReceived',
  'bytesSent',
  'bytesReceived',
  'connectionTime',
  'lastMessageTime',
  'uptime',
  'avgBytesPerMessage',
];

const LOG_MAX = 300;

export function renderConnection(socket: ResilientSocket): void {
  const state = byId('conn-state');
  state.textContent = socket.state;
  state.dataset.state = socket.state;
  byId('retry-count').textContent = String(socket.retries);
  byId('total-retries').textContent = String(socket.totalRetries);
  byId('delays').textContent = socket.delays.join(', ');
  byId('queue-size').textContent = String(socket.queueSize);
  byId('pending-requests').textContent = String(socket.pendingRequests);
}

export function buildStatsBox(): void {
  const list = byId('stats');
  for (const field of STAT_FIELDS) {
    list.append(el('dt', field), el('dd', '0', { id: `stat-${field}`, 'data-stat': field }));
  }
}

export function renderStats(stats: StatsSnapshot): void {
  for (const field of STAT_FIELDS) {
    const value = stats[field];
    const text = value === null ? '—' : field.endsWith('Time') ? `${clock(value)} (${value})` : String(value);
    byId(`stat-${field}`).textContent = text;
  }
}

/** The event log: received frames and connection events, newest last. */
export class EventLog {
  readonly entries: string[] = [];

  add(kind: 'in' | 'event' | 'error', text: string): void {
    const line = `${kind === 'in' ? '←' : kind === 'error' ? '!' : '•'} ${text}`;
    this.entries.push(line);
    if (this.entries.length > LOG_MAX) this.entries.shift();
    appendCapped(byId('log'), el('li', `${clock()} ${line}`, { 'data-kind': kind }), LOG_MAX);
  }
}
