/** Whether a held message can still be answered, and if not, why (shown on its group instead of the buttons' effect). */
import type { Capture } from '../state/model';
import type { HeldMessage } from './hold-book';

export const READ_ONLY = 'This capture is a read-only import: its held messages cannot be answered.';
export const PAGE_GONE = 'The page that held this message went away: it can no longer be answered.';

/** When the newest top-level document started: documents older than it are gone (a navigation). */
export function newestTopStart(capture: Capture): number {
  let newest = Number.NEGATIVE_INFINITY;
  for (const frame of capture.frames.values()) if (frame.info.top && frame.info.startedAt > newest) newest = frame.info.startedAt;
  return newest;
}

export function whyUnanswerable(capture: Capture, held: HeldMessage, topStart = newestTopStart(capture)): string | null {
  if (capture.readOnly) return READ_ONLY;
  const frame = capture.frames.get(held.frame);
  if (!frame || frame.info.startedAt < topStart) return PAGE_GONE;
  return null;
}
