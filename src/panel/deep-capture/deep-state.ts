/**
 * Deep capture (workers) as the panel knows it: the background's last report, and whether this browser
 * can offer it at all. Chromium's manifest declares the `debugger` permission; Firefox's leaves it out,
 * because Firefox has no debugger API for extensions.
 */
import { signal } from '@preact/signals';
import type { DeepCaptureState, FrameInfo } from '../../shared/protocol';

export interface DeepCaptureReport {
  state: DeepCaptureState;
  detail: string;
}

export const deepCapture = signal<DeepCaptureReport>({ state: 'off', detail: '' });

export function noteDeepCapture(report: DeepCaptureReport): void {
  deepCapture.value = report;
}

export const FIREFOX_REASON = 'Deep capture (workers) is unavailable here: Firefox has no chrome.debugger API for extensions.';

/** Null when Deep capture can be offered; otherwise why not, in words for the user. */
export function deepCaptureUnavailable(): string | null {
  // `chrome.runtime` in both browsers (Firefox offers it too); no polyfill, so the bridge stays loadable in unit tests.
  const runtime = (globalThis as { chrome?: { runtime?: { getManifest?(): { permissions?: string[] } } } }).chrome?.runtime;
  const permissions = runtime?.getManifest?.().permissions ?? [];
  return permissions.includes('debugger') ? null : FIREFOX_REASON;
}

/** How a worker's connections name their origin in place of the frame, e.g. "dedicated worker https://a.test/w.js". */
export function workerLabel(info: FrameInfo | undefined): string | null {
  return info?.worker ? `${info.worker} ${info.url}` : null;
}

/** Why actions cannot reach a worker's socket, or null for a document's socket. */
export function observeOnlyReason(info: FrameInfo | undefined, ordinal: number): string | null {
  if (!info?.worker) return null;
  return `Observe only: connection #${ordinal} lives in a ${info.worker} (${info.url}); Deep capture watches it through the debugger, and sending, closing and dropping cannot reach it.`;
}
