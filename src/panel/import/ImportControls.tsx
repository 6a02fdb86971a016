/** The toolbar's import group: open a log or HAR file, follow its progress, and go back to live capture. */
import { useRef } from 'preact/hooks';
import { Progress } from '../log-format/Progress';
import { backToLive, imported } from '../state/session';
import { cancelImport, dismissImportError, importFile, importStatus } from './import-file';
import '../log-format/io.css';

export function ImportControls() {
  const input = useRef<HTMLInputElement>(null);
  const status = importStatus.value;
  const viewing = imported.value;
  const loading = status.phase === 'loading';
  return (
    <fieldset class="io-group" aria-label="Import tools">
      <button
        type="button"
        disabled={loading}
        title="Open a SocketScope log or a HAR file, read-only"
        onClick={() => input.current?.click()}
      >
        Import…
      </button>
      {/* Visually hidden rather than `hidden`, so that it keeps its accessible name for tests and assistive tech. */}
      <input
        ref={input}
        class="visually-hidden"
        type="file"
        tabIndex={-1}
        accept=".json,.har,application/json"
        aria-label="Import log file"
        onChange={(e) => {
          const el = e.currentTarget;
          const file = el.files?.[0];
          // Cleared so that choosing the same file again still fires a change.
          el.value = '';
          if (file) void importFile(file);
        }}
      />
      {loading ? (
        <>
          <Progress label="Import progress" fraction={status.fraction} text={`${status.step} ${status.name}…`} />
          <button type="button" aria-label="Cancel import" onClick={cancelImport}>
            Cancel
          </button>
        </>
      ) : null}
      {status.phase === 'error' ? (
        <span class="io-error" role="alert">
          {status.message}
          <button type="button" class="io-dismiss" aria-label="Dismiss import error" onClick={dismissImportError}>
            ×
          </button>
        </span>
      ) : null}
      {viewing ? (
        <>
          <span class="io-note" title={viewing.notes.join('\n')}>
            Viewing {viewing.name} ({viewing.source}, read-only){viewing.notes.length ? ` · ${viewing.notes.join(' · ')}` : ''}
          </span>
          <button type="button" onClick={backToLive}>
            Back to live capture
          </button>
        </>
      ) : null}
    </fieldset>
  );
}
