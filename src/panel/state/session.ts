/**
 * Which capture the panel shows: the live one, or an imported, read-only one. While an import is
 * shown, the live Capture is kept aside and keeps receiving events (the bridge writes to
 * `liveCapture()`), then "Back to live capture" restores it as it is.
 */
import { computed, signal } from '@preact/signals';
import type { PayloadBody } from '../../shared/protocol';
import type { Capture } from './model';
import { capture, filter, markChanged, selectedRow, updateFilter } from './store';

export interface ImportedInfo {
  name: string;
  source: string;
  notes: string[];
}

/** The imported capture's description and the live capture set aside while it is shown. */
const importedView = signal<{ info: ImportedInfo; live: Capture } | null>(null);

/** Set while an imported session is shown. */
export const imported = computed(() => importedView.value?.info ?? null);

/** The capture the relays feed, whichever capture the panel shows. */
export function liveCapture(): Capture {
  return importedView.peek()?.live ?? capture.peek();
}

export const isViewingImport = (): boolean => importedView.peek() !== null;

function show(next: Capture): void {
  capture.value = next;
  selectedRow.value = null;
  // A connection filter names a connection of the other capture: it would hide every row.
  if (filter.value.connection !== 'all' && !next.connections.has(filter.value.connection)) updateFilter({ connection: 'all' });
  markChanged();
}

export function openImported(next: Capture, info: ImportedInfo): void {
  importedView.value = { info, live: liveCapture() };
  show(next);
}

export function backToLive(): void {
  const view = importedView.peek();
  if (!view) return;
  importedView.value = null;
  show(view.live);
}

type FetchPayload = (frame: string, seq: number) => Promise<PayloadBody>;

/** Payloads of the capture shown: an imported one has no relay behind it, so only its exported part exists. */
export function shownPayloads(fetchLive: FetchPayload): FetchPayload {
  return (frame, seq) =>
    isViewingImport()
      ? Promise.resolve({ missing: 'this log was imported: only the exported part of this payload exists' })
      : fetchLive(frame, seq);
}
