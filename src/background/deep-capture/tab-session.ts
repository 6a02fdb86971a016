/**
 * Deep capture for one inspected tab: the user's explicit choice, because the browser shows its
 * "is debugging this browser" bar while it lasts. Attaches the debugger to the tab, auto-attaches its
 * dedicated workers (nested ones too) paused at their start, enables the Network domain in each and
 * only then lets them run, so no socket they open is missed. Shared workers are separate targets: they
 * are looked for every second and attached when they belong to the page's origin. Events are converted,
 * numbered per worker and forwarded to the tab's panels within 20 ms; nothing is kept after that.
 */
import { LIMITS } from '../../shared/limits';
import type { DeepCaptureState, ToPanel, WorkerKind } from '../../shared/protocol';
import { type Converted, cdpToWire, EventClock, socketsGone, socketsUnfollowed } from './cdp-to-wire';
import type { Debuggee, DebuggerApi } from './debugger-api';
import { WorkerDocument } from './worker-document';

const PROTOCOL_VERSION = '1.3';
const FORWARD_MS = 20;
const SHARED_WORKER_POLL_MS = 1000;
/** Workers wait for us at their start; service workers are never attached (being debugged changes their lifetime). */
const AUTO_ATTACH = {
  autoAttach: true,
  waitForDebuggerOnStart: true,
  flatten: true,
  filter: [{ type: 'service_worker', exclude: true }, { type: 'browser', exclude: true }, { type: 'tab', exclude: true }, {}],
};

export interface SessionHost {
  post(message: ToPanel): void;
  /** The inspected page's URL, to tell which shared workers are its own. */
  pageUrl(): Promise<string>;
  now(): number;
  newKey(): string;
}

const DETACH_REASONS: Record<string, string> = {
  canceled_by_user: 'Deep capture stopped: the debugging bar was cancelled.',
  target_closed: 'Deep capture stopped: the tab closed or can no longer be debugged.',
};

export class TabDeepCapture {
  private state: DeepCaptureState = 'off';
  private readonly bySession = new Map<string, WorkerDocument>();
  private readonly byTarget = new Map<string, WorkerDocument>();
  private readonly clock = new EventClock();
  private forwardTimer: ReturnType<typeof setTimeout> | null = null;
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  /** Shared workers being attached now: two polls must not both try (the loser's failure would undo the winner). */
  private readonly attaching = new Set<string>();

  constructor(
    readonly tabId: number,
    private readonly api: DebuggerApi,
    private readonly host: SessionHost,
  ) {}

  get on(): boolean {
    return this.state === 'on' || this.state === 'starting';
  }

  /** Whether a shared worker target is one this session attached. */
  owns(targetId: string): boolean {
    return this.byTarget.has(targetId);
  }

  report(detail?: string): void {
    const words: Record<DeepCaptureState, string> = {
      off: 'Deep capture is off.',
      starting: 'Deep capture is starting…',
      on: 'Deep capture is on: sockets that workers open from now on are captured (observe only).',
      failed: 'Deep capture failed.',
    };
    this.host.post({ type: 'deep-capture', state: this.state, detail: detail ?? words[this.state] });
  }

  async start(): Promise<void> {
    if (this.on) return this.report();
    this.state = 'starting';
    this.report();
    const tab = { tabId: this.tabId };
    try {
      await this.api.attach(tab, PROTOCOL_VERSION);
    } catch (error) {
      this.state = 'failed';
      return this.report(`Deep capture could not attach the debugger: ${(error as Error).message}`);
    }
    try {
      await this.api.sendCommand(tab, 'Target.setAutoAttach', AUTO_ATTACH);
    } catch (error) {
      await this.api.detach(tab).catch(() => undefined);
      this.state = 'failed';
      return this.report(`Deep capture could not follow the tab's workers: ${(error as Error).message}`);
    }
    this.state = 'on';
    this.pollTimer = setInterval(() => void this.findSharedWorkers(), SHARED_WORKER_POLL_MS);
    void this.findSharedWorkers();
    this.report();
  }

  /** Toggle off, or the last panel went away: detach everything (the debugging bar goes). */
  async stop(detail?: string): Promise<void> {
    if (!this.on) return;
    this.end(detail ?? 'Deep capture is off: worker sockets opened from now on are not captured.');
    await this.api.detach({ tabId: this.tabId }).catch(() => undefined);
    for (const targetId of [...this.byTarget.keys()]) await this.api.detach({ targetId }).catch(() => undefined);
  }

  /** The browser detached us (the user cancelled the bar, the tab closed), from the tab or from a shared worker. */
  detached(source: Debuggee, reason: string): void {
    if (source.targetId !== undefined) {
      const doc = this.byTarget.get(source.targetId);
      this.byTarget.delete(source.targetId);
      const why = `the debugger detached from the shared worker (${reason}): later events are not captured`;
      if (doc) this.ended(doc, socketsUnfollowed(doc.ids, this.host.now(), why));
      return;
    }
    if (this.on) this.end(DETACH_REASONS[reason] ?? `Deep capture stopped: the debugger detached (${reason}).`);
  }

  event(source: Debuggee, method: string, params: Record<string, unknown>): void {
    if (!this.on) return;
    if (method === 'Target.attachedToTarget') return void this.attached(source, params);
    if (method === 'Target.detachedFromTarget') {
      const doc = this.bySession.get(String(params.sessionId));
      this.bySession.delete(String(params.sessionId));
      if (doc) this.ended(doc, socketsGone(doc.ids, this.host.now(), 'the worker ended before the debugger reported a close'));
      return;
    }
    if (method === 'Network.webSocketWillSendHandshakeRequest') this.clock.learn(params);
    const doc = source.sessionId !== undefined ? this.bySession.get(source.sessionId) : this.byTarget.get(source.targetId ?? '');
    if (!doc) return;
    const converted = cdpToWire(method, params, doc.ids, this.clock.wallTime(params, this.host.now()));
    if (converted) this.hold(doc, [converted]);
  }

  private async attached(source: Debuggee, params: Record<string, unknown>): Promise<void> {
    const info = params.targetInfo as { type?: string; url?: string } | undefined;
    const child: Debuggee = { ...source, sessionId: String(params.sessionId) };
    const send = (method: string, args?: object) => this.api.sendCommand(child, method, args).catch(() => undefined);
    if (info?.type === 'worker') {
      this.bySession.set(child.sessionId!, new WorkerDocument(this.host.newKey(), info.url ?? '', 'dedicated worker', this.host.now()));
      await send('Network.enable');
    }
    // A worker's own workers (nested) and an out-of-process iframe's workers attach under them.
    if (info?.type === 'worker' || info?.type === 'iframe') await send('Target.setAutoAttach', AUTO_ATTACH);
    await send('Runtime.runIfWaitingForDebugger');
  }

  private async findSharedWorkers(): Promise<void> {
    if (this.state !== 'on') return;
    let origin: string;
    try {
      origin = new URL(await this.host.pageUrl()).origin;
    } catch {
      return;
    }
    for (const target of await this.api.getTargets().catch(() => [])) {
      if (target.type !== 'worker' || this.byTarget.has(target.id) || this.attaching.has(target.id)) continue;
      if (!sameOrigin(target.url, origin)) continue;
      this.attaching.add(target.id);
      await this.attachShared(target.id, target.url);
      this.attaching.delete(target.id);
    }
  }

  private async attachShared(targetId: string, url: string): Promise<void> {
    const target = { targetId };
    try {
      await this.api.attach(target, PROTOCOL_VERSION);
      // chrome.debugger calls shared and service workers both "worker": only the target itself can tell.
      const info = (await this.api.sendCommand(target, 'Target.getTargetInfo')) as { targetInfo?: { type?: string } };
      if (info?.targetInfo?.type !== 'shared_worker' || this.state !== 'on') throw new Error('not ours');
      this.byTarget.set(targetId, new WorkerDocument(this.host.newKey(), url, 'shared worker' satisfies WorkerKind, this.host.now()));
      await this.api.sendCommand(target, 'Network.enable');
    } catch {
      this.byTarget.delete(targetId);
      await this.api.detach(target).catch(() => undefined);
    }
  }

  private hold(doc: WorkerDocument, converted: Converted[]): void {
    for (const c of converted) doc.add(c, LIMITS.deepPendingEvents - this.pendingEvents());
    this.forwardTimer ??= setTimeout(() => this.forward(), FORWARD_MS);
  }

  private pendingEvents(): number {
    let n = 0;
    for (const doc of this.bySession.values()) n += doc.pending;
    for (const doc of this.byTarget.values()) n += doc.pending;
    return n;
  }

  private forward(): void {
    this.forwardTimer = null;
    for (const doc of [...this.bySession.values(), ...this.byTarget.values(), ...this.leaving]) {
      for (const message of doc.take()) this.host.post(message);
    }
    this.leaving = [];
  }

  /** Documents that ended (their worker went) but still hold events for the next forward. */
  private leaving: WorkerDocument[] = [];

  /** A document whose worker went or is no longer followed: its last events go with the next forward. */
  private ended(doc: WorkerDocument, last: Converted[]): void {
    this.leaving.push(doc);
    this.hold(doc, last);
  }

  private end(detail: string): void {
    for (const doc of [...this.bySession.values(), ...this.byTarget.values()])
      this.ended(doc, socketsUnfollowed(doc.ids, this.host.now(), `${detail} This socket's later events are not captured.`));
    this.bySession.clear();
    this.byTarget.clear();
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    this.state = 'off';
    this.forward();
    this.report(detail);
  }
}

function sameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}
