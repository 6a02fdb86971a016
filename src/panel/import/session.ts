/**
 * Switching the panel between the live capture and an imported, read-only one. The live Capture is
 * kept aside (and keeps receiving events through the bridge, which asks `liveCapture()`), then
 * restored as it is by "Back to live capture".
 */
import { signal } from '@preact/signals';
import type { Capture } from '../state/model';
import { capture, filter, markChanged, selectedRow, updateFilter } from '../state/store';

export interface ImportedInfo {
  name: string;
  source: string;
  notes: string[];
}

/** Set while an imported session is shown. */
export const imported = signal<ImportedInfo | null>(null);

let live: Capture | null = null;

/** The capture the relays feed, whichever capture the panel shows. */
export function liveCapture(): Capture {
  return live ?? capture.value;
}

export const isViewingImport = (): boolean => live !== null;

function show(next: Capture): void {
  capture.value = next;
  selectedRow.value = null;
  // A connection filter names a connection of the other capture: it would hide every row.
  if (filter.value.connection !== 'all' && !next.connections.has(filter.value.connection)) updateFilter({ connection: 'all' });
  markChanged();
}

export function openImported(next: Capture, info: ImportedInfo): void {
  if (!live) live = capture.value;
  imported.value = info;
  show(next);
}

export function backToLive(): void {
  if (!live) return;
  const restored = live;
  live = null;
  imported.value = null;
  show(restored);
}
