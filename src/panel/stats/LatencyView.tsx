/**
 * Request/response latency for the connection chosen in the filter (or all): per method, event or
 * operation, how many requests, how they ended, and p50 / p95 / max. Also the two settings pairing
 * depends on: when a request counts as unanswered, and which JSON fields carry a plain-JSON request's id.
 */
import { useState } from 'preact/hooks';
import { formatCount, formatLatency } from '../format/units';
import { type LatencyLine, latencyReport } from '../pairing/latency';
import { setIdPaths, settingsFor, socketPlace } from '../state/decoding';
import type { Capture } from '../state/model';
import { DEFAULT_TIMEOUT_MS, pairingClock, pairingFor, pairingTimeout } from '../state/pairing';

const ms = (value: number | undefined) => (value === undefined ? '—' : formatLatency(value));

function LineRow({ line }: { line: LatencyLine }) {
  const name = line.total ? 'All requests' : line.other ? 'Other names' : line.name || '(unnamed)';
  return (
    <tr class={line.total ? 'total' : ''}>
      <th scope="row">{name}</th>
      <td>{formatCount(line.requests)}</td>
      <td>{formatCount(line.answered)}</td>
      <td>{formatCount(line.late)}</td>
      <td class={line.unanswered > 0 ? 'warn' : ''}>{formatCount(line.unanswered)}</td>
      <td>{formatCount(line.pending)}</td>
      <td>{formatCount(line.errors)}</td>
      <td>{ms(line.p50)}</td>
      <td>{ms(line.p95)}</td>
      <td>{ms(line.max)}</td>
    </tr>
  );
}

function TimeoutSetting() {
  return (
    <label class="latency-setting">
      Unanswered after (ms){' '}
      <input
        type="number"
        min={0}
        step={100}
        value={pairingTimeout.value}
        onChange={(event) => {
          const value = Number((event.target as HTMLInputElement).value);
          pairingTimeout.value = Number.isFinite(value) && value >= 0 ? value : DEFAULT_TIMEOUT_MS;
        }}
      />
    </label>
  );
}

function IdPathSetting({ origin }: { origin: string }) {
  const [error, setError] = useState<string | null>(null);
  const current = settingsFor(origin).idPaths.join(', ');
  return (
    <div class="latency-setting">
      <label>
        JSON id paths on {origin}{' '}
        <input
          type="text"
          value={current}
          aria-describedby={error ? `id-path-error-${origin}` : undefined}
          onChange={(event) => setError(setIdPaths(origin, (event.target as HTMLInputElement).value))}
        />
      </label>
      {error ? (
        <span id={`id-path-error-${origin}`} role="alert" class="warn">
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function LatencyView({ capture, scope }: { capture: Capture; scope: string }) {
  pairingClock.value; // unanswered requests appear as their timeout passes
  const { state, behind } = pairingFor(capture, capture.readOnly ? null : Date.now());
  const report = latencyReport(state.latency, scope === 'all' ? 'all' : scope);
  const connections = [...capture.connections.values()].filter((c) => scope === 'all' || c.key === scope);
  const origins = [...new Set(connections.map((c) => socketPlace(c.url).origin))].slice(0, 5);
  return (
    <section class="latency" aria-label="Latency">
      <h3>Requests and responses</h3>
      <div class="latency-settings">
        <TimeoutSetting />
        {origins.map((origin) => (
          <IdPathSetting key={origin} origin={origin} />
        ))}
      </div>
      {behind > 0 ? <p class="note">Pairing… {formatCount(behind)} messages to go.</p> : null}
      {report.total.requests === 0 && report.orphans === 0 ? (
        <p class="note">No request/response pairs found. Plain JSON pairs by the id paths above.</p>
      ) : (
        <table class="stats-table" aria-label="Latency by name">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Requests</th>
              <th scope="col">Answered</th>
              <th scope="col">Late</th>
              <th scope="col">Unanswered</th>
              <th scope="col">Waiting</th>
              <th scope="col">Errors</th>
              <th scope="col">p50</th>
              <th scope="col">p95</th>
              <th scope="col">Max</th>
            </tr>
          </thead>
          <tbody>
            <LineRow line={report.total} />
            {report.byName.map((line) => (
              <LineRow key={`${line.other ? '*' : ''}${line.name}`} line={line} />
            ))}
          </tbody>
        </table>
      )}
      {report.orphans > 0 ? <p class="note">{formatCount(report.orphans)} answers had no request on their connection.</p> : null}
    </section>
  );
}
