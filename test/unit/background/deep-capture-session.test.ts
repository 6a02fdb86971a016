/** Deep capture's tab session on a scripted debugger: the order of attach steps, forwarding, and every way it stops. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Debuggee, DebuggerApi, DebugTarget } from '../../../src/background/deep-capture/debugger-api';
import { TabDeepCapture } from '../../../src/background/deep-capture/tab-session';
import { unpackEvents } from '../../../src/shared/event-batch';
import type { ToPanel } from '../../../src/shared/protocol';

function fakeDebugger(targets: DebugTarget[] = []) {
  const calls: string[] = [];
  const name = (t: Debuggee) => t.sessionId ?? t.targetId ?? `tab${t.tabId}`;
  const api: DebuggerApi = {
    attach: async (t) => void calls.push(`attach ${name(t)}`),
    detach: async (t) => void calls.push(`detach ${name(t)}`),
    sendCommand: async (t, method) => {
      calls.push(`${name(t)} ${method}`);
      return method === 'Target.getTargetInfo' ? { targetInfo: { type: t.targetId === 'sw' ? 'service_worker' : 'shared_worker' } } : {};
    },
    getTargets: async () => targets,
  };
  return { api, calls };
}

let posted: ToPanel[];
let keys: number;
const host = () => ({
  post: (m: ToPanel) => void posted.push(m),
  pageUrl: async () => 'http://a.test/page.html',
  now: () => 1000,
  newKey: () => `worker-${++keys}`,
});
const states = () => posted.flatMap((m) => (m.type === 'deep-capture' ? [m.state] : []));
const events = () =>
  posted.flatMap((m) => (m.type === 'events' ? unpackEvents(m.events, 'events').map((e) => `${m.frame.key}:${e.seq}:${e.k}`) : []));

beforeEach(() => {
  vi.useFakeTimers();
  posted = [];
  keys = 0;
});
afterEach(() => vi.useRealTimers());

describe('TabDeepCapture', () => {
  it('enables Network in a new worker before letting it run, and follows its nested workers', async () => {
    const { api, calls } = fakeDebugger();
    const session = new TabDeepCapture(7, api, host());
    await session.start();
    expect(calls).toEqual(['attach tab7', 'tab7 Target.setAutoAttach']);
    expect(states()).toEqual(['starting', 'on']);
    session.event({ tabId: 7 }, 'Target.attachedToTarget', { sessionId: 's1', targetInfo: { type: 'worker', url: 'http://a.test/w.js' } });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.slice(2)).toEqual(['s1 Network.enable', 's1 Target.setAutoAttach', 's1 Runtime.runIfWaitingForDebugger']);
  });

  it('forwards a worker socket as its own document, numbered, within 20 ms', async () => {
    const { api } = fakeDebugger();
    const session = new TabDeepCapture(7, api, host());
    await session.start();
    session.event({ tabId: 7 }, 'Target.attachedToTarget', { sessionId: 's1', targetInfo: { type: 'worker', url: 'http://a.test/w.js' } });
    session.event({ tabId: 7, sessionId: 's1' }, 'Network.webSocketCreated', { requestId: 'r', url: 'ws://a.test/' });
    session.event({ tabId: 7, sessionId: 's1' }, 'Network.webSocketFrameSent', {
      requestId: 'r',
      response: { opcode: 1, payloadData: 'hi' },
    });
    expect(events()).toEqual([]);
    await vi.advanceTimersByTimeAsync(20);
    expect(events()).toEqual(['worker-1:1:create', 'worker-1:2:msg']);
    const batch = posted.find((m) => m.type === 'events');
    expect(batch?.type === 'events' && batch.frame).toMatchObject({ url: 'http://a.test/w.js', worker: 'dedicated worker', top: false });
  });

  it('closes the open sockets of a worker that went away, and says so', async () => {
    const { api } = fakeDebugger();
    const session = new TabDeepCapture(7, api, host());
    await session.start();
    session.event({ tabId: 7 }, 'Target.attachedToTarget', { sessionId: 's1', targetInfo: { type: 'worker', url: 'u' } });
    session.event({ tabId: 7, sessionId: 's1' }, 'Network.webSocketCreated', { requestId: 'r', url: 'ws://a.test/' });
    session.event({ tabId: 7 }, 'Target.detachedFromTarget', { sessionId: 's1' });
    await vi.advanceTimersByTimeAsync(20);
    expect(events()).toEqual(['worker-1:1:create', 'worker-1:2:close']);
  });

  it('attaches same-origin shared workers only, never service workers', async () => {
    const targets = [
      { id: 'shared', type: 'worker', url: 'http://a.test/s.js', attached: false },
      { id: 'sw', type: 'worker', url: 'http://a.test/sw.js', attached: false },
      { id: 'other', type: 'worker', url: 'http://b.test/s.js', attached: false },
    ];
    const { api, calls } = fakeDebugger(targets);
    const session = new TabDeepCapture(7, api, host());
    await session.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toContain('shared Network.enable');
    expect(calls).toContain('detach sw');
    expect(calls).not.toContain('sw Network.enable');
    expect(calls.some((c) => c.includes('other'))).toBe(false);
    expect(session.owns('shared')).toBe(true);
  });

  it('reports every stop in words: toggled off, the bar cancelled, a failed attach', async () => {
    const { api, calls } = fakeDebugger();
    const session = new TabDeepCapture(7, api, host());
    await session.start();
    await session.stop();
    expect(calls).toContain('detach tab7');
    await session.start();
    session.detached({ tabId: 7 }, 'canceled_by_user');
    const details = posted.flatMap((m) => (m.type === 'deep-capture' ? [m.detail] : []));
    expect(details.at(-1)).toBe('Deep capture stopped: the debugging bar was cancelled.');
    const failing = new TabDeepCapture(
      8,
      { ...api, attach: async () => Promise.reject(new Error('Cannot access a chrome:// URL')) },
      host(),
    );
    await failing.start();
    expect(posted.at(-1)).toEqual({
      type: 'deep-capture',
      state: 'failed',
      detail: 'Deep capture could not attach the debugger: Cannot access a chrome:// URL',
    });
  });
});
