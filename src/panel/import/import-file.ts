/** One import, end to end: read the file, parse it, build the capture, show it; with progress and errors. */
import { signal } from '@preact/signals';
import { ProtocolError } from '../../shared/validate';
import { isAbort, yieldToEventLoop } from '../log-format/chunked';
import { openImported } from '../state/session';
import { buildCapture } from './build-capture';
import { sessionFromText } from './detect';
import { readFileText } from './read-file';
import { ImportError } from './types';

export type ImportStatus =
  | { phase: 'idle' }
  | { phase: 'loading'; name: string; step: string; fraction: number }
  | { phase: 'error'; message: string };

export const importStatus = signal<ImportStatus>({ phase: 'idle' });

let running: AbortController | null = null;

export function cancelImport(): void {
  running?.abort();
}

export function dismissImportError(): void {
  if (importStatus.value.phase === 'error') importStatus.value = { phase: 'idle' };
}

export async function importFile(file: File): Promise<void> {
  running?.abort();
  const controller = new AbortController();
  running = controller;
  const { signal: abort } = controller;
  const name = file.name.slice(0, 200);
  const progress = (step: string, fraction: number) => {
    if (running === controller) importStatus.value = { phase: 'loading', name, step, fraction };
  };
  try {
    progress('Reading', 0);
    const text = await readFileText(file, { signal: abort, onProgress: (done, total) => progress('Reading', (done / total) * 0.4) });
    progress('Parsing', 0.4);
    // Let the bar show "Parsing" before JSON.parse, which cannot be split, holds the thread.
    await yieldToEventLoop();
    const session = sessionFromText(text);
    const capture = await buildCapture(session, {
      signal: abort,
      onProgress: (done, total) => progress('Building', 0.5 + (done / Math.max(1, total)) * 0.5),
    });
    if (running !== controller) return;
    importStatus.value = { phase: 'idle' };
    openImported(capture, { name, source: session.source, notes: session.notes });
  } catch (error) {
    if (running !== controller) return;
    if (isAbort(error)) importStatus.value = { phase: 'idle' };
    else importStatus.value = { phase: 'error', message: describe(error, name) };
  } finally {
    if (running === controller) running = null;
  }
}

function describe(error: unknown, name: string): string {
  if (error instanceof ImportError || error instanceof ProtocolError) return `Cannot open ${name}: ${error.message}`;
  if (error instanceof RangeError) return `Cannot open ${name}: it is too large or too deeply nested to read.`;
  return `Cannot open ${name}: ${(error as Error)?.message ?? String(error)}`;
}
