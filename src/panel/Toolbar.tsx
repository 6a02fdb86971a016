/** The toolbar: capture controls, filters and the filtered count. */
import { ConnectionPicker } from './components/ConnectionPicker';
import { ExportControls } from './export/ExportControls';
import type { FetchPayload } from './export/types';
import { ImportControls } from './import/ImportControls';
import { HiddenConnections } from './row-actions/HiddenConnections';
import { searchWholePayloads } from './search/FullSearchBar';
import { ShortcutsButton } from './shortcuts/ShortcutsDialog';
import type { DirectionFilter, FilterSpec } from './state/filter';
import { clearCapture } from './state/ingest';
import { capture, compiledFilter, filter, markChanged, selectedRow, updateFilter, version, visibleRows } from './state/store';

type Flag = 'regex' | 'invert' | 'messagesOnly' | 'hideHeartbeats';

/** A checkbox for one on/off field of the filter. */
function FilterFlag({ flag, label }: { flag: Flag; label: string }) {
  const onChange = (e: Event) => {
    const patch: Partial<FilterSpec> = {};
    patch[flag] = (e.currentTarget as HTMLInputElement).checked;
    updateFilter(patch);
  };
  return (
    <label>
      <input type="checkbox" checked={filter.value[flag]} onChange={onChange} />
      {label}
    </label>
  );
}

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
        title="Filters on message previews as you type; Enter searches whole payloads"
        onInput={(e) => updateFilter({ text: (e.target as HTMLInputElement).value })}
        onKeyDown={(e) => {
          if (e.key === 'Enter') searchWholePayloads(fetchPayload);
        }}
      />
      <FilterFlag flag="regex" label="Regex" />
      <FilterFlag flag="invert" label="Invert" />
      <select
        aria-label="Direction"
        value={spec.direction}
        onChange={(e) => updateFilter({ direction: (e.target as HTMLSelectElement).value as DirectionFilter })}
      >
        <option value="all">All directions</option>
        <option value="send">Sent only</option>
        <option value="recv">Received only</option>
      </select>
      <ConnectionPicker
        label="Connection"
        connections={cap.connections.values()}
        value={spec.connection}
        onPick={(connection) => updateFilter({ connection })}
        all
      />
      <FilterFlag flag="messagesOnly" label="Messages only" />
      <FilterFlag flag="hideHeartbeats" label="Hide heartbeats" />
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
