/** The export dialog: format, scope, connection, redaction (with its preview count), and download. */
import { signal } from '@preact/signals';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ConnectionPicker } from '../components/ConnectionPicker';
import { ErrorMessage } from '../components/ErrorMessage';
import { isAbort } from '../log-format/chunked';
import { Progress } from '../log-format/Progress';
import { capture, version, visibleRows } from '../state/store';
import { useKeepInView } from './keep-in-view';
import { compilePatterns } from './redact-text';
import { type ExportFormat, type ExportProgress, runExport } from './run-export';
import type { FetchPayload } from './types';
import { useRedactionPreview } from './useRedactionPreview';

interface Options {
  format: ExportFormat;
  scope: 'all' | 'filtered';
  connection: string;
  redact: boolean;
  patterns: string;
}

const PHASES: Record<ExportProgress['phase'], (done: number, total: number) => string> = {
  fetch: (done, total) => `Fetching payloads ${done}/${total}`,
  redact: (done, total) => `Masking secrets ${done}/${total}`,
  build: (done, total) => `Writing events ${done}/${total}`,
  write: () => 'Writing the file…',
};

/** Kept across openings of the dialog. */
const options = signal<Options>({ format: 'json', scope: 'all', connection: 'all', redact: true, patterns: '' });
const set = (patch: Partial<Options>) => {
  options.value = { ...options.value, ...patch };
};

function Radio<T extends string>(props: { name: string; value: T; current: T; label: string; onPick: (v: T) => void }) {
  return (
    <label>
      <input
        type="radio"
        name={props.name}
        value={props.value}
        checked={props.current === props.value}
        onChange={() => props.onPick(props.value)}
      />
      {props.label}
    </label>
  );
}

export function ExportDialog({ fetchPayload, onClose }: { fetchPayload: FetchPayload | null; onClose: () => void }) {
  version.value;
  const cap = capture.value;
  const o = options.value;
  const connection = o.connection === 'all' || cap.connections.has(o.connection) ? o.connection : 'all';
  const compiled = useMemo(() => compilePatterns(o.patterns), [o.patterns]);
  const redactOptions = compiled.ok ? compiled.options : null;
  const count = useRedactionPreview(o.redact, redactOptions, o.scope, connection);
  const [job, setJob] = useState<{ fraction: number; text: string } | null>(null);
  const [result, setResult] = useState('');
  const running = useRef<AbortController | null>(null);
  const root = useRef<HTMLDivElement>(null);
  useKeepInView(root);

  useEffect(() => {
    root.current?.querySelector<HTMLInputElement>('input:checked')?.focus();
    return () => running.current?.abort();
  }, []);

  const download = async () => {
    // Read the options now, not from this render: a click can come before the re-render of a change.
    const o = options.peek();
    const cap = capture.peek();
    const connection = o.connection === 'all' || cap.connections.has(o.connection) ? o.connection : 'all';
    const patterns = compilePatterns(o.patterns);
    if (o.redact && !patterns.ok) return;
    const controller = new AbortController();
    running.current = controller;
    setResult('');
    setJob({ fraction: 0, text: 'Preparing…' });
    try {
      const done = await runExport({
        capture: cap,
        visible: o.scope === 'filtered' ? visibleRows.peek() : null,
        connection,
        format: o.format,
        redact: o.redact && patterns.ok ? patterns.options : null,
        fetchPayload,
        signal: controller.signal,
        onProgress: (p) => setJob({ fraction: p.fraction, text: PHASES[p.phase](p.done, p.total) }),
      });
      const notes = [`${done.events} events`];
      if (o.redact) notes.push(`${done.masked} value${done.masked === 1 ? '' : 's'} masked`);
      if (done.trimmed) notes.push(`${done.trimmed} payload${done.trimmed === 1 ? '' : 's'} not whole (marked trimmed)`);
      setResult(`Saved ${done.fileName}: ${notes.join(', ')}.`);
    } catch (error) {
      setResult(isAbort(error) ? 'Export cancelled.' : `Export failed: ${(error as Error).message}`);
    } finally {
      if (running.current === controller) running.current = null;
      setJob(null);
    }
  };

  return (
    <div
      ref={root}
      class="io-dialog"
      role="dialog"
      aria-label="Export"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <h2>Export</h2>
      <fieldset>
        <legend>Format</legend>
        <Radio name="ss-export-format" value="json" current={o.format} label="JSON log" onPick={(format) => set({ format })} />
        <Radio name="ss-export-format" value="har" current={o.format} label="HAR" onPick={(format) => set({ format })} />
      </fieldset>
      <fieldset>
        <legend>Events</legend>
        <Radio name="ss-export-scope" value="all" current={o.scope} label="All events" onPick={(scope) => set({ scope })} />
        <Radio name="ss-export-scope" value="filtered" current={o.scope} label="Filtered view" onPick={(scope) => set({ scope })} />
      </fieldset>
      <ConnectionPicker
        label="Export connection"
        connections={cap.connections.values()}
        value={connection}
        onPick={(connection) => set({ connection })}
        all
      />
      <label>
        <input type="checkbox" checked={o.redact} onChange={(e) => set({ redact: e.currentTarget.checked })} />
        Redact secrets
      </label>
      {o.redact ? (
        <textarea
          aria-label="Extra redaction patterns"
          placeholder="Extra patterns to mask: one regular expression per line"
          rows={2}
          value={o.patterns}
          onInput={(e) => set({ patterns: e.currentTarget.value })}
        />
      ) : null}
      <ErrorMessage class="io-error" message={!compiled.ok && o.redact ? compiled.error : null} />
      <p class="io-status" role="status" aria-label="Redaction count">
        {count}
      </p>
      {job ? (
        <span class="io-progress">
          <Progress label="Export progress" fraction={job.fraction} text={job.text} />
          <button type="button" aria-label="Cancel export" onClick={() => running.current?.abort()}>
            Cancel
          </button>
        </span>
      ) : null}
      {result ? (
        <p class="io-status" role="status" aria-label="Export result">
          {result}
        </p>
      ) : null}
      <div class="io-actions">
        <button type="button" disabled={job !== null || (o.redact && !compiled.ok)} onClick={download}>
          Download
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
