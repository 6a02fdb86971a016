/**
 * The part of `chrome.debugger` Deep capture uses, as an interface: index.ts passes the browser's, the
 * unit tests a scripted fake. Chromium only: Firefox has no `debugger` API (and its manifest leaves the
 * permission out).
 */
export interface Debuggee {
  tabId?: number;
  targetId?: string;
  /** A child session (a worker auto-attached under the tab), flat mode; Chrome >= 125. */
  sessionId?: string;
}

export interface DebugTarget {
  id: string;
  type: string;
  url: string;
  attached: boolean;
}

export interface DebuggerApi {
  attach(target: Debuggee, version: string): Promise<void>;
  detach(target: Debuggee): Promise<void>;
  sendCommand(target: Debuggee, method: string, params?: object): Promise<unknown>;
  getTargets(): Promise<DebugTarget[]>;
}

/** The browser's API, or null where there is none (Firefox, or the permission removed). */
export function browserDebugger(): DebuggerApi | null {
  const api = (globalThis as { chrome?: { debugger?: typeof chrome.debugger } }).chrome?.debugger;
  if (!api?.attach) return null;
  return {
    attach: (target, version) => api.attach(target, version),
    detach: (target) => api.detach(target),
    sendCommand: (target, method, params) => api.sendCommand(target, method, params),
    getTargets: () => api.getTargets(),
  };
}
