/** The status bar: everything the capture could not keep is counted here, never hidden. */
import { LIMITS } from '../../shared/limits';
import { DeepCaptureNote } from '../deep-capture/DeepCaptureNote';
import { formatBytes } from '../format/format';
import { capture, version } from '../state/store';

export function StatusBar() {
  version.value;
  const cap = capture.value;
  let rejected = 0;
  let faults = 0;
  let trimmedBodies = 0;
  let trimmedBytes = 0;
  let dropped = 0;
  let missing = 0;
  let lastError = '';
  let lastNote = '';
  for (const frame of cap.frames.values()) {
    rejected += frame.counters.rejected;
    faults += frame.counters.faults;
    trimmedBodies += frame.counters.trimmedBodies;
    trimmedBytes += frame.counters.trimmedBytes;
    dropped += frame.counters.droppedEvents;
    missing += frame.missing;
    if (frame.counters.lastError) lastError = frame.counters.lastError;
    if (frame.counters.lastNote) lastNote = frame.counters.lastNote;
  }
  const notes: string[] = [];
  if (dropped) notes.push(`${dropped} dropped`);
  if (cap.droppedRows)
    notes.push(
      `${cap.droppedRows.toLocaleString('en-US')} oldest rows dropped (the panel keeps ${LIMITS.panelRows.toLocaleString('en-US')})`,
    );
  if (missing) notes.push(`${missing} missing (sequence gaps)`);
  if (trimmedBodies) notes.push(`${trimmedBodies} payloads trimmed to preview (${formatBytes(trimmedBytes)})`);
  if (rejected) notes.push(`${rejected} malformed messages rejected`);
  if (faults) notes.push(`${faults} capture faults`);
  const panelError = cap.errors.at(-1);
  return (
    <div class="statusbar" role="status" aria-label="Capture health">
      <span>
        {cap.connections.size} connection(s) · {cap.frames.size} document(s){cap.readOnly ? ' · read-only import' : ''}
      </span>
      {notes.length ? <span class="warn">{notes.join(' · ')}</span> : <span class="ok">nothing dropped</span>}
      {lastError ? (
        <span class="warn" title={lastError}>
          last problem: {lastError.slice(0, 120)}
        </span>
      ) : null}
      {lastNote ? (
        <span class="note" title={lastNote}>
          {lastNote.slice(0, 160)}
        </span>
      ) : null}
      <DeepCaptureNote />
      {panelError ? (
        <span class="error" role="alert">
          {panelError.slice(0, 200)}
        </span>
      ) : null}
    </div>
  );
}
