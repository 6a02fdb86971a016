// Settings of the demo client, read from the page URL.

export interface ClientConfig {
  /** Chat endpoint: same host, path /ws, unless `?ws=` overrides it. */
  wsUrl: string;
  /** First reconnection delay (`?backoff=`, default 1000 ms); it doubles on each attempt. */
  baseDelayMs: number;
  /** Cap of the reconnection delay (`?backoffMax=`, default 30000 ms). */
  maxDelayMs: number;
  /** Reconnection attempts before giving up (`?maxRetries=`, default 10). */
  maxRetries: number;
  /** Request timeout (`?timeout=`, default 5000 ms). */
  requestTimeoutMs: number;
  /** Display name (`?name=`, default a random guest name). */
  name: string;
  /** Room joined on load (`?room=`), if any. */
  room: string | null;
  /** Connect on load unless `?autoconnect=0`. */
  autoConnect: boolean;
}

/** Derive the ws:// or wss:// URL of `path` on the page's own host. */
export function sameHostWsUrl(location: { protocol: string; host: string }, path: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}`;
}

function positiveNumber(raw: string | null, fallback: number): number {
  if (raw === null || raw.trim() === '') return fallback;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

export function readConfig(location: { protocol: string; host: string; search: string }): ClientConfig {
  const params = new URLSearchParams(location.search);
  const name = params.get('name')?.trim();
  return {
    wsUrl: params.get('ws') || sameHostWsUrl(location, '/ws'),
    baseDelayMs: positiveNumber(params.get('backoff'), 1000),
    maxDelayMs: positiveNumber(params.get('backoffMax'), 30_000),
    maxRetries: Math.floor(positiveNumber(params.get('maxRetries'), 10)),
    requestTimeoutMs: positiveNumber(params.get('timeout'), 5000),
    name: name ? name.slice(0, 32) : `guest-${Math.random().toString(36).slice(2, 6)}`,
    room: params.get('room')?.trim() || null,
    autoConnect: params.get('autoconnect') !== '0',
  };
}
