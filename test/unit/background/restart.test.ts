/**
 * The three real ends together, on fake pairs: two relays of one tab, the router, and a panel's bridge on
 * the reconnecting transport. The background is stopped in the middle, as the MV3 service worker can be.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TabRouter } from '../../../src/background/router';
import { type BackgroundLink, linkToBackground } from '../../../src/content/background-link';
import { RelayLog } from '../../../src/content/log';
import { createBridge } from '../../../src/panel/state/bridge';
import { type Capture, emptyCapture } from '../../../src/panel/state/model';
import { createReconnectingTransport, RECONNECT_DELAY_MS } from '../../../src/panel/transport/reconnecting';
import { LIMITS } from '../../../src/shared/limits';
import type { FrameInfo } from '../../../src/shared/protocol';
import { createFakeTransportPair, type FakeTransportPair } from '../../../src/shared/transport';
import { create, open, received, sent } from '../panel/fixtures';

const TAB = 1;

interface Relay {
  log: RelayLog;
  link: BackgroundLink;
}

/** One tab's world: the background can be restarted; relays and the panel connect to whichever runs. */
function startWorld() {
  let router: TabRouter;
  let links: FakeTransportPair[] = [];
  const relays: Relay[] = [];
  const startBackground = () => {
    links = [];
    router = new TabRouter(() => {
      for (const relay of relays) relay.link.reconnectIfClosed();
    });
  };
  startBackground();

  const addRelay = (key: string, frameId: number): Relay => {
    const log = new RelayLog();
    const frame: FrameInfo = { key, url: `https://${key}.test/`, top: frameId === 0, frameId: -1, startedAt: 1 };
    const link = linkToBackground(
      log,
      frame,
      () => undefined,
      () => {
        const pair = createFakeTransportPair();
        links.push(pair);
        router.acceptRelay(pair.b, TAB, frameId);
        return pair.a;
      },
    );
    link.start();
    const relay = { log, link };
    relays.push(relay);
    return relay;
  };

  const capture: Capture = emptyCapture();
  const openPanel = () => {
    let bridge: ReturnType<typeof createBridge> | null = null;
    const transport = createReconnectingTransport(
      () => {
        const pair = createFakeTransportPair();
        links.push(pair);
        router.acceptPanel(pair.b);
        return pair.a;
      },
      () => bridge?.resync(),
    );
    bridge = createBridge(
      transport,
      TAB,
      () => capture,
      () => undefined,
    );
    bridge.resync();
    return transport;
  };

  return {
    capture,
    addRelay,
    openPanel,
    /** The service worker is stopped (every link drops) and starts again, knowing nothing. */
    restartBackground() {
      for (const pair of links) pair.disconnect();
      startBackground();
    },
  };
}

/** Appends events to a relay's log and tells its link, as relay.iife.ts does. */
const capture = (relay: Relay, ...events: Parameters<RelayLog['append']>[0][]) => {
  for (const event of events) relay.log.append(event);
  relay.link.notify();
};
/** Rows as `document#seq`, gaps as `gap:N`. */
const rows = (c: Capture) => c.rows.map((r) => (r.k === 'gap' ? `gap:${r.gap}` : `${r.frame}#${r.seq}`));
const wait = (ms: number) => vi.advanceTimersByTimeAsync(ms);
/** Long enough for a live batch to leave, even right after the previous one (flush-pace.ts). */
const BATCH = LIMITS.busyFlushMs + 4;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('relay → router → panel', () => {
  it('loses and doubles nothing when the background restarts, and streams live again afterwards', async () => {
    const world = startWorld();
    const top = world.addRelay('top', 0);
    const child = world.addRelay('child', 3);
    capture(top, create(1, 1), open(1, 2));
    capture(child, create(1, 3));
    world.openPanel();
    await wait(BATCH);
    expect(rows(world.capture)).toEqual(['top#1', 'top#2', 'child#1']);
    expect(world.capture.frames.get('child')?.info.frameId).toBe(3);

    capture(top, sent(1, 4, 'live'));
    await wait(BATCH);
    expect(rows(world.capture)).toEqual(['top#1', 'top#2', 'child#1', 'top#3']);

    world.restartBackground();
    capture(top, received(1, 5, 'while the background is down'), sent(1, 6, 'still down'));
    capture(child, open(1, 7));
    await wait(RECONNECT_DELAY_MS + BATCH);
    expect(rows(world.capture)).toEqual(['top#1', 'top#2', 'child#1', 'top#3', 'top#4', 'top#5', 'child#2']);

    capture(child, sent(1, 8, 'live again'));
    await wait(BATCH);
    expect(rows(world.capture).at(-1)).toBe('child#3');
    expect([...world.capture.frames.values()].map((f) => f.missing)).toEqual([0, 0]);
  });

  it('stops the relays streaming when the panel closes, and a new panel gets everything', async () => {
    const world = startWorld();
    const top = world.addRelay('top', 0);
    const first = world.openPanel();
    await wait(BATCH);
    first.close();
    await wait(0);
    // With no panel attached, a notify schedules no live batch: the log just keeps the events.
    const timersBefore = vi.getTimerCount();
    capture(top, create(1, 1), open(1, 2));
    expect(vi.getTimerCount()).toBe(timersBefore);
    world.openPanel();
    await wait(BATCH);
    expect(rows(world.capture)).toEqual(['top#1', 'top#2']);
  });
});
