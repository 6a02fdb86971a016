/** Rules are kept per origin of the inspected page: the newest top document's. Pure. */
import type { Capture } from '../state/model';

/** The origin of the page the tab shows, or null while no document of it is known. */
export function inspectedOrigin(capture: Pick<Capture, 'frames'>): string | null {
  let newest: { url: string; startedAt: number } | null = null;
  for (const { info } of capture.frames.values()) {
    if (!info.top || info.worker) continue;
    if (!newest || info.startedAt >= newest.startedAt) newest = info;
  }
  if (!newest) return null;
  try {
    const origin = new URL(newest.url).origin;
    // file: and data: pages have the opaque origin "null": they share one list under their scheme.
    return origin === 'null' ? new URL(newest.url).protocol : origin;
  } catch {
    return null;
  }
}

export const rulesStorageKey = (origin: string): string => `msg-rules:${origin}`;
