/** The toolbar: capture controls, filters and the filtered count. */
import { ExportControls } from '../export/ExportControls';
import type { FetchPayload } from '../export/types';
import { ImportControls } from '../import/ImportControls';
import { HiddenConnections } from '../row-actions/HiddenConnections';
import { ShortcutsButton } from '../shortcuts/ShortcutsDialog';
import type { DirectionFilter } from '../state/filter';
import { clearCapture } from '../state/ingest';
import { capture, compiledFilter, filter, markChanged, selectedRow, updateFilter, version, visibleRows } from '../state/store';

export function Toolbar({ fetchPayload }: { fetchPayload?: FetchPayload } = {}) {
  version.value;
  const spec = filter.value;
  const cap = capture.value;
  const compiled = compiledFilter.value;
  const total = cap.rows.length;
  return (
    <div class="toolbar" role="toolbar" aria-label="Capture and filters">
      <button
        type="button"
        aria-pressed={cap.paused}
        aria-label={cap.paused ? 'Resume capture' : 'Pause capture'}
        title={cap.paused ? 'Resume capture' : 'Pause capture (skipped events are counted)'}
        onClick={() => {
          cap.paused = !cap.paused;
          markChanged();
        }}
      >
        <span class={cap.paused ? 'rec-dot paused' : 'rec-dot'} aria-hidden="true" />
      </button>
      <button
        type="button"
        aria-label="Clear"
        title="Clear the log"
        onClick={() => {
          clearCapture(cap);
          selectedRow.value = null;
          markChanged();
        }}
      >
        ⊘
      </button>
      <label>
        <input
          type="checkbox"
          checked={cap.preserveLog}
          onChange={(e) => {
            cap.preserveLog = (e.target as HTMLInputElement).checked;
            markChanged();
          }}
        />
        Preserve log
      </label>
      <span class="sep" />
      <input
        type="search"
        aria-label="Filter"
        placeholder={spec.regex ? 'Filter (regex)' : 'Filter'}
        value={spec.text}
        aria-invalid={!compiled.ok}
        onInput={(e) => updateFilter({ text: (e.target as HTMLInputElement).value })}
      />
      <label>
        <input type="checkbox" checked={spec.regex} onChange={(e) => updateFilter({ regex: (e.target as HTMLInputElement).checked })} />
        Regex
      </label>
      <label>
        <input type="checkbox" checked={spec.invert} onChange={(e) => updateFilter({ invert: (e.target as HTMLInputElement).checked })} />
        Invert
      </label>
      <select
        aria-label="Direction"
        value={spec.direction}
        onChange={(e) => updateFilter({ direction: (e.target as HTMLSelectElement).value as DirectionFilter })}
      >
        <option value="all">All directions</option>
        <option value="send">Sent only</option>
        <option value="recv">Received only</option>
      </select>
      <select
        aria-label="Connection"
        value={spec.connection}
        onChange={(e) => updateFilter({ connection: (e.target as HTMLSelectElement).value })}
      >
        <option value="all">All connections</option>
        {[...cap.connections.values()].map((c) => (
          <option key={c.key} value={c.key}>
            #{c.ordinal} {c.url}
          </option>
        ))}
      </select>
      <label>
        <input
          type="checkbox"
          checked={spec.messagesOnly}
          onChange={(e) => updateFilter({ messagesOnly: (e.target as HTMLInputElement).checked })}
        />
        Messages only
      </label>
      <label>
        <input
          type="checkbox"
          checked={spec.hideHeartbeats}
          onChange={(e) => updateFilter({ hideHeartbeats: (e.target as HTMLInputElement).checked })}
        />
        Hide heartbeats
      </label>
      {spec.hideHeartbeats ? (
        <input
          type="text"
          aria-label="Heartbeat patterns"
          title="Regular expressions, separated by commas"
          value={spec.heartbeatPatterns.join(', ')}
          onChange={(e) => updateFilter({ heartbeatPatterns: (e.target as HTMLInputElement).value.split(',').map((p) => p.trim()) })}
        />
      ) : null}
      <HiddenConnections />
      <span class="count" role="status" aria-label="Filtered count">
        {visibleRows.value.length} / {total} events
        {cap.paused || cap.skippedWhilePaused ? ` · ${cap.skippedWhilePaused} skipped while paused` : ''}
      </span>
      {!compiled.ok ? (
        <span class="filter-error" role="alert">
          {compiled.error}
        </span>
      ) : null}
      <span class="sep" />
      <ExportControls fetchPayload={fetchPayload} />
      <ImportControls />
      <ShortcutsButton />
    </div>
  );
}
