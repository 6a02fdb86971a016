import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Bridge, createBridge } from '../../../src/panel/state/bridge';
import { type Capture, emptyCapture } from '../../../src/panel/state/model';
import { createReconnectingTransport, RECONNECT_DELAY_MS } from '../../../src/panel/transport/reconnecting';
import type { FrameInfo, WireEvent } from '../../../src/shared/protocol';
import { createFakeTransportPair, type FakeTransportPair } from '../../../src/shared/transport';
import { create, doc, noCounters, numbered, open, received, sent, T0 } from './fixtures';

const TAB = 7;

/** A panel on the real reconnecting transport; each link is a fake pair whose `b` end plays the background. */
interface Panel {
  capture: Capture;
  bridge: Bridge;
  links: { pair: FakeTransportPair; received: unknown[] }[];
  /** How often the bridge said the capture changed. */
  readonly changes: number;
  /** What the live background end received. */
  received(): unknown[];
  /** The live background end says `message` to the panel. */
  say(message: unknown): void;
  /** The live background end sends a batch of one document's events. */
  events(frame: FrameInfo, events: WireEvent[]): void;
}

function startPanel(): Panel {
  const capture = emptyCapture();
  const links: Panel['links'] = [];
  const live = () => links[links.length - 1];
  let changes = 0;
  let bridge: Bridge | null = null;
  const transport = createReconnectingTransport(
    () => {
      const pair = createFakeTransportPair();
      const receivedHere: unknown[] = [];
      pair.b.onMessage((message) => receivedHere.push(message));
      links.push({ pair, received: receivedHere });
      return pair.a;
    },
    () => bridge?.resync(),
  );
  bridge = createBridge(
    transport,
    TAB,
    () => capture,
    () => changes++,
  );
  bridge.resync();
  return {
    capture,
    bridge,
    links,
    get changes() {
      return changes;
    },
    received: () => live().received,
    say: (message) => live().pair.b.postMessage(message),
    events: (frame, events) => live().pair.b.postMessage({ type: 'events', frame, events: JSON.stringify(events), counters: noCounters() }),
  };
}

const s = (seconds: number) => T0 + seconds * 1000;
const rows = (capture: Capture) => capture.rows.map((r) => (r.k === 'gap' ? `gap:${r.gap}` : `${r.frame}#${r.seq}`));

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('createBridge', () => {
  it('subscribes to its tab and syncs from the start', async () => {
    const panel = startPanel();
    await settle();
    expect(panel.received()).toEqual([
      { type: 'subscribe', tabId: TAB },
      { type: 'sync', since: {} },
    ]);
  });

  it('answers a relay’s hello with a sync from the last seq it holds for every document', async () => {
    const panel = startPanel();
    panel.events(doc('page'), numbered([create(1, s(0)), open(1, s(1))]));
    panel.say({ type: 'hello', frame: doc('frame', s(0), false) });
    await settle();
    expect(panel.received().at(-1)).toEqual({ type: 'sync', since: { page: 2, frame: 0 } });
    expect(panel.capture.frames.get('frame')?.info).toEqual(doc('frame', s(0), false));
  });

  it('ignores events it already holds (an overlapping sync) and shows a gap where seqs jump', async () => {
    const panel = startPanel();
    const events = numbered([create(1, s(0)), open(1, s(1)), sent(1, s(2), 'a'), received(1, s(3), 'b')]);
    panel.events(doc('page'), events.slice(0, 3));
    panel.events(doc('page'), events.slice(1, 4));
    panel.events(doc('page'), numbered([sent(1, s(9), 'after the gap')], 8));
    await settle();
    expect(rows(panel.capture)).toEqual(['page#1', 'page#2', 'page#3', 'page#4', 'gap:3', 'page#8']);
    expect(panel.capture.frames.get('page')).toMatchObject({ lastSeq: 8, missing: 3 });
    expect(panel.changes).toBe(3);
  });

  it('keeps the timeline in time order when another document’s earlier events arrive later', async () => {
    const panel = startPanel();
    panel.events(doc('page'), numbered([create(1, s(0)), open(1, s(5))]));
    panel.events(doc('frame', s(0), false), numbered([create(1, s(1)), open(1, s(2))]));
    await settle();
    expect(rows(panel.capture)).toEqual(['page#1', 'frame#1', 'frame#2', 'page#2']);
  });

  it('shows a batch overtaken by a later one of its document as a gap, and never counts it twice', async () => {
    const panel = startPanel();
    await settle();
    const events = numbered([create(1, s(0)), open(1, s(1)), sent(1, s(2), 'a'), sent(1, s(3), 'b')]);
    panel.links[0].pair.hold();
    panel.events(doc('page'), events.slice(0, 2));
    panel.events(doc('page'), events.slice(2));
    panel.links[0].pair.release([1, 0]);
    await settle();
    expect(rows(panel.capture)).toEqual(['gap:2', 'page#3', 'page#4']);
    expect(panel.capture.connections.get('page:1')?.sent.messages).toBe(2);
  });

  it('rejects a malformed message and shows why; shows the background’s errors', async () => {
    const panel = startPanel();
    panel.say({ type: 'events', frame: doc('page'), events: JSON.stringify([{ seq: 1, k: '<b>' }]), counters: noCounters() });
    panel.say({ type: 'events', frame: doc('page'), events: '[{"seq": 1,', counters: noCounters() });
    panel.say({ type: 'error', message: 'subscribe.tabId: expected integer, got string' });
    await settle();
    expect(panel.capture.rows).toEqual([]);
    expect(panel.capture.errors).toEqual([
      'Rejected a malformed message: message.events[0].conn: expected integer, got undefined',
      expect.stringMatching(/^Rejected a malformed message: message\.events: not JSON \(.+\)$/),
      'subscribe.tabId: expected integer, got string',
    ]);
    expect(panel.changes).toBe(3);
  });
});

describe('createBridge across reconnections', () => {
  it('after the background restarts, re-subscribes on a new link and syncs only what it misses', async () => {
    const panel = startPanel();
    panel.events(doc('page'), numbered([create(1, s(0)), open(1, s(1)), sent(1, s(2), 'a')]));
    await settle();
    panel.links[0].pair.disconnect();
    await vi.advanceTimersByTimeAsync(RECONNECT_DELAY_MS - 1);
    expect(panel.links).toHaveLength(1); // a short pause first, not a reconnection storm
    await vi.advanceTimersByTimeAsync(1);
    expect(panel.links).toHaveLength(2);
    expect(panel.received()).toEqual([
      { type: 'subscribe', tabId: TAB },
      { type: 'sync', since: { page: 3 } },
    ]);
    panel.events(doc('page'), numbered([sent(1, s(2), 'a'), received(1, s(3), 'b')], 3));
    await settle();
    expect(rows(panel.capture)).toEqual(['page#1', 'page#2', 'page#3', 'page#4']);
  });

  it('matches each payload answer to its request, whatever their order', async () => {
    const panel = startPanel();
    const first = panel.bridge.fetchPayload('page', 1);
    const second = panel.bridge.fetchPayload('page', 2);
    await settle();
    expect(panel.received().slice(2)).toEqual([
      { type: 'getPayload', requestId: 1, frame: 'page', seq: 1 },
      { type: 'getPayload', requestId: 2, frame: 'page', seq: 2 },
    ]);
    panel.say({ type: 'payload', requestId: 2, frame: 'page', seq: 2, body: { base64: 'AAE=' } });
    panel.say({ type: 'payload', requestId: 1, frame: 'page', seq: 1, body: { text: 'one' } });
    panel.say({ type: 'payload', requestId: 1, frame: 'page', seq: 1, body: { text: 'a late duplicate' } });
    await settle();
    await expect(first).resolves.toEqual({ text: 'one' });
    await expect(second).resolves.toEqual({ base64: 'AAE=' });
  });

  it('asks again, after a reconnection, for a payload whose request was lost with the old link', async () => {
    const panel = startPanel();
    await settle();
    panel.links[0].pair.hold(); // the request never reaches the background…
    const body = panel.bridge.fetchPayload('page', 5);
    panel.links[0].pair.disconnect(); // …which is stopped
    await vi.advanceTimersByTimeAsync(RECONNECT_DELAY_MS);
    expect(panel.received()).toContainEqual({ type: 'getPayload', requestId: 1, frame: 'page', seq: 5 });
    panel.say({ type: 'payload', requestId: 1, frame: 'page', seq: 5, body: { text: 'whole' } });
    await settle();
    await expect(body).resolves.toEqual({ text: 'whole' });
  });

  it('fails a payload request cleanly when nobody answers within 10 s', async () => {
    const panel = startPanel();
    const body = panel.bridge.fetchPayload('gone', 1);
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(body).resolves.toEqual({ missing: 'the page did not answer (it may have navigated away)' });
  });
});
