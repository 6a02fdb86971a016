/** The connections table: one row per socket, with its live state, traffic and close details. */
import { usesDebugger, workerLabel } from '../deep-capture/deep-state';
import { describeCloseCode, formatBytes, formatDuration, formatTime } from '../format/format';
import type { Connection } from '../state/model';
import { capture, filter, updateFilter, version } from '../state/store';

function duration(c: Connection, readOnly: boolean): string {
  if (c.openedAt === undefined) return '';
  // An imported socket that was still open when exported ends where its record ends, not "now".
  const end = c.closedAt ?? (readOnly ? (c.lastMessageAt ?? c.openedAt) : Date.now());
  return formatDuration(end - c.openedAt);
}

/** "stream" for a WebSocketStream, "WebSocket" otherwise. */
export const apiLabel = (c: Pick<Connection, 'api'>): string => (c.api === 'stream' ? 'stream' : 'WebSocket');
/** Where the socket lives: a worker (Deep capture) in place of the frame, or a frame other than the top document. */
function FrameNote({ c }: { c: Connection }) {
  const info = capture.value.frames.get(c.frame)?.info;
  const worker = workerLabel(info);
  if (worker) return <span class="frame worker"> ({worker} · observe only)</span>;
  return c.frameUrl && !info?.top ? <span class="frame"> (frame {c.frameUrl})</span> : null;
}

/** A worker's close as the debugger reports it: without code or reason (the wire event carries none). */
const closeUnreported = (c: Connection) => c.close?.code === 0 && capture.value.frames.get(c.frame)?.info.worker !== undefined;

export function Connections() {
  version.value;
  const list = [...capture.value.connections.values()];
  const chosen = filter.value.connection;
  return (
    <section class="connections" aria-label="Connections">
      <table>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">URL</th>
            <th scope="col">Type</th>
            <th scope="col">State</th>
            <th scope="col">Protocol</th>
            <th scope="col">Opened</th>
            <th scope="col">Duration</th>
            <th scope="col">↑ Sent</th>
            <th scope="col">↓ Received</th>
            <th scope="col">Close</th>
          </tr>
        </thead>
        <tbody>
          {list.map((c) => (
            <tr key={c.key} class={chosen === c.key ? 'selected' : ''} aria-selected={chosen === c.key} data-connection={c.key}>
              <td>{c.ordinal}</td>
              <td class="url" title={`${c.url}\nframe: ${c.frameUrl}${c.stack ? `\n${c.stack}` : ''}`}>
                <button
                  type="button"
                  class="link"
                  aria-label={`Show only connection ${c.ordinal} ${c.url}`}
                  onClick={() => updateFilter({ connection: chosen === c.key ? 'all' : c.key })}
                >
                  {c.url}
                </button>
                <FrameNote c={c} />
              </td>
              <td class="api" title={c.api === 'stream' ? 'new WebSocketStream(…)' : 'new WebSocket(…)'}>
                {apiLabel(c)}
              </td>
              <td class={`state state-${c.state}`}>{c.state}</td>
              <td>{[c.protocol, c.extensions].filter(Boolean).join('; ')}</td>
              <td>{c.openedAt ? formatTime(c.openedAt) : ''}</td>
              <td>{duration(c, capture.value.readOnly)}</td>
              <td>
                {c.sent.messages} · {formatBytes(c.sent.bytes)}
              </td>
              <td>
                {c.received.messages} · {formatBytes(c.received.bytes)}
              </td>
              <td>
                {c.close && closeUnreported(c)
                  ? usesDebugger() || !c.close.error
                    ? 'closed (code and reason not reported by the debugger)'
                    : `closed (${c.close.error})`
                  : c.close
                    ? `${describeCloseCode(c.close.code)}${c.close.reason ? ` "${c.close.reason}"` : ''} ${c.close.wasClean ? 'clean' : 'not clean'}`
                    : ''}
                {c.closedAt ? ` at ${formatTime(c.closedAt)}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.length === 0 ? <p class="empty">No WebSocket captured yet in this tab.</p> : null}
    </section>
  );
}
