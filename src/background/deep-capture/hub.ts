/**
 * Deep capture for every tab: one TabDeepCapture per tab that turned it on, and the routing of the
 * browser's debugger events (which name a tab, or a shared worker's target) to it.
 */
import type { ToPanel } from '../../shared/protocol';
import type { Debuggee, DebuggerApi } from './debugger-api';
import { TabDeepCapture } from './tab-session';

export interface HubHost {
  post(tabId: number, message: ToPanel): void;
  pageUrl(tabId: number): Promise<string>;
}

export class DeepCaptureHub {
  private readonly tabs = new Map<number, TabDeepCapture>();

  /** `api` is null where the browser has no debugger (Firefox): every request is then answered "failed". */
  constructor(
    private readonly api: DebuggerApi | null,
    private readonly host: HubHost,
  ) {}

  private session(tabId: number): TabDeepCapture | null {
    if (!this.api) return null;
    let session = this.tabs.get(tabId);
    if (!session) {
      session = new TabDeepCapture(tabId, this.api, {
        post: (message) => this.host.post(tabId, message),
        pageUrl: () => this.host.pageUrl(tabId),
        now: () => Date.now(),
        newKey: () => `worker-${crypto.randomUUID()}`,
      });
      this.tabs.set(tabId, session);
    }
    return session;
  }

  /** The panel's toggle. */
  async set(tabId: number, on: boolean): Promise<void> {
    const session = this.session(tabId);
    if (!session) {
      this.host.post(tabId, {
        type: 'deep-capture',
        state: 'failed',
        detail: 'Deep capture needs the chrome.debugger API, which this browser does not offer.',
      });
      return;
    }
    if (on) await session.start();
    else await session.stop();
  }

  /** A panel subscribed: tell it whether Deep capture is on for its tab (it may have been reopened). */
  status(tabId: number): void {
    this.tabs.get(tabId)?.report();
  }

  /** The tab's last panel went away (DevTools closed): nobody would see what is captured, so detach. */
  panelsGone(tabId: number): void {
    void this.tabs.get(tabId)?.stop('Deep capture stopped: DevTools was closed.');
  }

  event(source: Debuggee, method: string, params: object | undefined): void {
    this.owner(source)?.event(source, method, (params ?? {}) as Record<string, unknown>);
  }

  detached(source: Debuggee, reason: string): void {
    this.owner(source)?.detached(source, reason);
  }

  private owner(source: Debuggee): TabDeepCapture | undefined {
    if (source.tabId !== undefined) return this.tabs.get(source.tabId);
    for (const session of this.tabs.values()) if (source.targetId !== undefined && session.owns(source.targetId)) return session;
    return undefined;
  }
}
