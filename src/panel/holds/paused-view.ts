/**
 * What the paused-messages bar shows: the pending holds of the capture on screen, oldest first, each with
 * why it cannot be answered (or null). Recomputed when a book changes or the capture does (a navigation
 * can make a document gone), over the pending holds only; the same object comes back while nothing the bar
 * shows changed, so the bar does not re-render with every batch of traffic.
 */
import { computed } from '@preact/signals';
import { capture, version } from '../state/store';
import { forgetHolds, type HeldMessage } from './hold-book';
import { newestTopStart, whyUnanswerable } from './hold-status';
import { holdBookOf, holdsChanged } from './hold-store';

export interface PausedEntry {
  held: HeldMessage;
  unanswerable: string | null;
}

export interface PausedView {
  entries: readonly PausedEntry[];
  /** Held messages that arrived while the list was full (never expected: the page lets waiting frames go first). */
  overflow: number;
}

const NOTHING: PausedView = { entries: [], overflow: 0 };

const sameView = (a: PausedView, b: PausedView) =>
  a.overflow === b.overflow &&
  a.entries.length === b.entries.length &&
  a.entries.every((entry, i) => entry.held === b.entries[i].held && entry.unanswerable === b.entries[i].unanswerable);

let last: PausedView = NOTHING;

export const pausedView = computed((): PausedView => {
  version.value;
  holdsChanged.value;
  const shown = capture.value;
  const book = holdBookOf(shown);
  // A document dropped from the capture (a navigation without "Preserve log") takes its holds with it.
  forgetHolds(book, (held) => shown.frames.has(held.frame));
  const topStart = newestTopStart(shown);
  const entries = [...book.pending.values()].map((held) => ({ held, unanswerable: whyUnanswerable(shown, held, topStart) }));
  const next = entries.length === 0 && book.overflow === 0 ? NOTHING : { entries, overflow: book.overflow };
  if (!sameView(next, last)) last = next;
  return last;
});
