/**
 * Deep capture (workers) as the panel knows it: the background's last report, and whether this browser
 * can offer it at all. Chromium's manifest declares the `debugger` permission; Firefox's leaves it out,
 * because Firefox has no debugger API for extensions: there, workers are captured through their own scripts
 * (src/background/firefox-workers/), always on, with no toggle.
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

/** Whether this build captures workers through the debugger (Chromium's Deep capture), read from its manifest. */
export function usesDebugger(): boolean {
  // `chrome.runtime` in both browsers (Firefox offers it too); no polyfill, so the bridge stays loadable in unit tests.
  const runtime = (globalThis as { chrome?: { runtime?: { getManifest?(): { permissions?: string[] } } } }).chrome?.runtime;
  return (runtime?.getManifest?.().permissions ?? []).includes('debugger');
}

/**
 * What a worker socket's close without a code says. Deep capture's debugger never reports codes; Firefox's worker
 * hook has the page's own close, so there a close without one means the worker ended first, which `error` says.
 */
export function closeWithoutCode(error: string | undefined): string {
  if (!usesDebugger() && error) return error;
  return `code and reason not reported by the debugger${error ? ` · ${error}` : ''}`;
}

/** Null when Deep capture can be offered; otherwise why not (the toggle is then not shown). */
export function deepCaptureUnavailable(): string | null {
  return usesDebugger() ? null : FIREFOX_REASON;
}

/** How a worker's connections name their origin in place of the frame, e.g. "dedicated worker https://a.test/w.js". */
export function workerLabel(info: FrameInfo | undefined): string | null {
  return info?.worker ? `${info.worker} ${info.url}` : null;
}

/** Why actions cannot reach a worker's socket, or null for a document's socket. */
export function observeOnlyReason(info: FrameInfo | undefined, ordinal: number): string | null {
  if (!info?.worker) return null;
  // Neither Deep capture (the debugger) nor Firefox's worker hook can act on the socket: both only watch.
  return `Observe only: connection #${ordinal} lives in a ${info.worker} (${info.url}); SocketScope watches it, and sending, closing and dropping cannot reach it.`;
}
