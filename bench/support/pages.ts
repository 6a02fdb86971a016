/**
 * The bench's pages. The flood page exposes `window.benchOpen()` and `window.benchFlood()`; a flood runs
 * in the page on its own (Node only starts it and waits), keeps a fixed window of messages in flight to
 * the echo server, and reports its timings in `window.__run`.
 */

export interface FloodOptions {
  /** Messages to send (each is echoed back). Ignored when `durationMs` is set. */
  count: number;
  /** Payload size in bytes (UTF-16 units for text, all ASCII here). */
  size: number;
  kind: 'text' | 'binary';
  /** fixed: one payload repeated; json: a small JSON document with a sequence number (for filters); marker: `prefix` + padding. */
  pattern: 'fixed' | 'json' | 'socketio' | 'marker';
  prefix?: string;
  /** Messages in flight at most. */
  window: number;
  /** Send for this long instead of `count` messages (the soak). */
  durationMs?: number;
  /** Every `bigEvery`-th message is `bigSize` long instead (the soak's mix). */
  bigEvery?: number;
  bigSize?: number;
}

export interface FloodResult {
  done: boolean;
  error: string | null;
  sent: number;
  received: number;
  bytesSent: number;
  bytesReceived: number;
  /** performance.now() of the first send and of the last echo. */
  start: number;
  end: number;
  ms: number;
  /** Date.now() at the last echo, comparable with other processes. */
  endEpoch: number;
}

/** Regex used by P3's filter: matches users u10..u29 of the "json" and "socketio" patterns, 20% of their messages. */
export const FILTER_REGEX = '"user":"u[12]\\d"';

/** Rows that FILTER_REGEX leaves for `count` messages of the json pattern, echoed (send + recv rows). */
export function filterMatches(count: number): number {
  let matches = 0;
  for (let i = 0; i < count; i++) if (i % 100 >= 10 && i % 100 <= 29) matches++;
  return 2 * matches;
}

/** The decoded filter P3 times: Socket.IO events named "tick", a quarter of the socketio pattern's messages. */
export const DECODED_FILTER = 'event:tick';

/** Rows that DECODED_FILTER leaves for `count` messages of the socketio pattern, echoed (send + recv rows). */
export function decodedFilterMatches(count: number): number {
  let matches = 0;
  for (let i = 0; i < count; i++) if ((i & 3) === 0) matches++;
  return 2 * matches;
}

export function floodPage(wsUrl: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>SocketScope bench</title></head><body>
<p id="state">idle</p>
<script>
(() => {
  const LONG = 'x'.repeat(1 << 21);
  const KINDS = ['tick', 'quote', 'trade', 'book'];
  let ws = null;

  window.benchOpen = () => new Promise((resolve, reject) => {
    ws = new WebSocket(${JSON.stringify(wsUrl)});
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => resolve(true);
    ws.onerror = () => reject(new Error('cannot connect'));
  });

  window.benchClose = () => new Promise((resolve) => {
    if (!ws || ws.readyState > 1) return resolve(true);
    ws.onclose = () => resolve(true);
    ws.close(1000, 'bench done');
  });

  const text = (o, size, i) => {
    const pattern = o.pattern;
    if (pattern === 'marker') return (o.prefix + ' #' + i + ' ' + LONG).slice(0, size);
    if (pattern === 'json') {
      const head = '{"seq":' + i + ',"kind":"' + KINDS[i & 3] + '","user":"u' + (i % 100) + '","pad":"';
      return head + LONG.slice(0, Math.max(0, size - head.length - 2)) + '"}';
    }
    if (pattern === 'socketio') {
      // A Socket.IO EVENT (engine message 4, socket.io event 2), named by its kind: the panel decodes it.
      const head = '42["' + KINDS[i & 3] + '",{"seq":' + i + ',"user":"u' + (i % 100) + '","pad":"';
      return head + LONG.slice(0, Math.max(0, size - head.length - 3)) + '"}]';
    }
    return LONG.slice(0, size);
  };

  window.benchFlood = (o) => {
    const run = (window.__run = { done: false, error: null, sent: 0, received: 0, bytesSent: 0, bytesReceived: 0, start: 0, end: 0, ms: 0, endEpoch: 0 });
    let resolveDone;
    window.__runDone = new Promise((r) => (resolveDone = r));
    const fixed = o.kind === 'binary' ? new Uint8Array(o.size).map((_, i) => i & 255) : text(o, o.size, 0);
    const big = o.bigEvery ? (o.kind === 'binary' ? new Uint8Array(o.bigSize) : LONG.slice(0, o.bigSize)) : null;
    const payload = (i) => {
      if (big && i % o.bigEvery === o.bigEvery - 1) return big;
      return o.pattern === 'fixed' || o.kind === 'binary' ? fixed : text(o, o.size, i);
    };
    const deadline = o.durationMs ? performance.now() + o.durationMs : Infinity;
    let count = o.durationMs ? Infinity : o.count;
    const finish = (error) => {
      if (run.done) return;
      run.end = performance.now();
      run.endEpoch = Date.now();
      run.ms = run.end - run.start;
      run.error = error;
      run.done = true;
      document.getElementById('state').textContent = 'done';
      resolveDone(run);
    };
    const pump = () => {
      if (count === Infinity && performance.now() >= deadline) count = run.sent;
      while (run.sent < count && run.sent - run.received < o.window) {
        const p = payload(run.sent);
        ws.send(p);
        run.bytesSent += typeof p === 'string' ? p.length : p.byteLength;
        run.sent++;
      }
    };
    ws.onmessage = (event) => {
      // Like any real client, read what arrived (native MessageEvent data is materialised lazily).
      const data = event.data;
      run.bytesReceived += typeof data === 'string' ? data.length : data.byteLength;
      run.received++;
      if (run.received >= count) finish(null);
      else if (run.sent - run.received <= o.window >> 1) pump();
    };
    ws.onclose = () => finish('the socket closed');
    document.getElementById('state').textContent = 'running';
    run.start = performance.now();
    pump();
    if (count === 0) finish(null);
    return true;
  };
})();
</script></body></html>`;
}

export const BLANK_PAGE = '<!doctype html><html><head><meta charset="utf-8"><title>blank</title></head><body>blank</body></html>';

/** Opens `sockets` sockets from an inline head script (created before DOMContentLoaded, as real apps do). */
export function socketsPage(wsUrl: string, sockets: number): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>sockets</title><script>
  window.__sockets = [];
  for (let i = 0; i < ${sockets}; i++) window.__sockets.push(new WebSocket(${JSON.stringify(wsUrl)}));
  </script></head><body>sockets</body></html>`;
}
