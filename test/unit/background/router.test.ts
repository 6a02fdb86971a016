import { beforeEach, describe, expect, it } from 'vitest';
import { TabRouter } from '../../../src/background/router';
import { LIMITS } from '../../../src/shared/limits';
import type { FrameInfo, ToPanel } from '../../../src/shared/protocol';
import { createFakeTransportPair, type FakeTransportPair, type Transport } from '../../../src/shared/transport';

const counters = { rejected: 0, faults: 0, trimmedBodies: 0, trimmedBytes: 0, droppedEvents: 0 };
/** What a relay says about itself: it cannot know its frame id. */
const frame = (key: string): FrameInfo => ({ key, url: `https://${key}.test/`, top: true, frameId: -1, startedAt: 1 });
const event = { seq: 1, conn: 1, k: 'open', t: 1, protocol: '', extensions: '' };

interface End {
  transport: Transport;
  pair: FakeTransportPair;
  /** Everything this end received. */
  received: unknown[];
}

let router: TabRouter;
let askedToReconnect: number[];
let pairs: FakeTransportPair[];

const connect = (): End => {
  const pair = createFakeTransportPair();
  pairs.push(pair);
  const received: unknown[] = [];
  pair.a.onMessage((message) => received.push(message));
  return { transport: pair.a, pair, received };
};
const relay = (tabId: number, frameId: number): End => {
  const end = connect();
  router.acceptRelay(end.pair.b, tabId, frameId);
  return end;
};
const panel = (tabId?: number): End => {
  const end = connect();
  router.acceptPanel(end.pair.b);
  if (tabId !== undefined) end.transport.postMessage({ type: 'subscribe', tabId });
  return end;
};
const settled = async () => {
  for (const pair of pairs) await pair.settled();
  for (const pair of pairs) await pair.settled(); // replies posted while the others settled
};

beforeEach(() => {
  askedToReconnect = [];
  pairs = [];
  router = new TabRouter((tabId) => askedToReconnect.push(tabId));
});

describe('TabRouter', () => {
  it('fans a relay’s messages out to every panel of its tab, and only of its tab', async () => {
    const relayOfTab1 = relay(1, 0);
    const [first, second, otherTab] = [panel(1), panel(1), panel(2)];
    await settled();
    relayOfTab1.transport.postMessage({ type: 'hello', frame: frame('doc') });
    await settled();
    const hello: ToPanel = { type: 'hello', frame: { ...frame('doc'), frameId: 0 } };
    expect(first.received).toEqual([hello]);
    expect(second.received).toEqual([hello]);
    expect(otherTab.received).toEqual([]);
  });

  it('fans a panel’s requests out to every relay of its tab, and only of its tab', async () => {
    const [top, child, otherTab] = [relay(1, 0), relay(1, 7), relay(2, 0)];
    const inspector = panel(1);
    await settled();
    inspector.transport.postMessage({ type: 'sync', since: { doc: 4 } });
    await settled();
    expect(top.received).toEqual([{ type: 'sync', since: { doc: 4 } }]);
    expect(child.received).toEqual([{ type: 'sync', since: { doc: 4 } }]);
    expect(otherTab.received).toEqual([]);
  });

  it('fills in the frame id the browser gave, whatever the relay claims', async () => {
    const child = relay(1, 7);
    const inspector = panel(1);
    await settled();
    child.transport.postMessage({ type: 'hello', frame: { ...frame('child'), frameId: 0 } });
    child.transport.postMessage({ type: 'events', frame: frame('child'), events: JSON.stringify([event]), counters });
    await settled();
    expect(inspector.received).toMatchObject([
      { type: 'hello', frame: { key: 'child', frameId: 7 } },
      { type: 'events', frame: { key: 'child', frameId: 7 }, events: JSON.stringify([event]) },
    ]);
  });

  it('drops a malformed relay message instead of forwarding it', async () => {
    const page = relay(1, 0);
    const inspector = panel(1);
    await settled();
    page.transport.postMessage({ type: 'events', frame: frame('doc'), events: [event], counters }); // not the batch's JSON
    page.transport.postMessage({ type: 'events', frame: frame('doc'), events: 'x'.repeat(LIMITS.batchJsonChars + 1), counters });
    page.transport.postMessage({ type: 'events', events: JSON.stringify([event]), counters });
    page.transport.postMessage({ type: 'subscribe', tabId: 2 });
    await settled();
    expect(inspector.received).toEqual([]);
  });

  it('routes a batch’s events unread: the panel parses and checks them (bridge.test.ts)', async () => {
    const page = relay(1, 0);
    const inspector = panel(1);
    await settled();
    const hostile = JSON.stringify([{ ...event, k: '<img onerror>' }]);
    page.transport.postMessage({ type: 'events', frame: frame('doc'), events: hostile, counters });
    await settled();
    expect(inspector.received).toEqual([{ type: 'events', frame: { ...frame('doc'), frameId: 0 }, events: hostile, counters }]);
  });

  it('answers a panel whose first message is not a subscription with an error, and routes nothing for it', async () => {
    const page = relay(1, 0);
    const stranger = panel();
    stranger.transport.postMessage({ type: 'sync', since: {} });
    await settled();
    expect(stranger.received).toEqual([{ type: 'error', message: expect.stringContaining('subscribe.type: expected "subscribe"') }]);
    expect(page.received).toEqual([]);
  });

  it('answers a refused or invalid request with an error and does not forward it', async () => {
    const page = relay(1, 0);
    const inspector = panel(1);
    await settled();
    inspector.transport.postMessage({ type: 'eval', code: 'alert(1)' });
    inspector.transport.postMessage({ type: 'getPayload', requestId: 1, frame: 'doc' });
    inspector.transport.postMessage({ type: 'subscribe', tabId: 2 });
    await settled();
    expect(inspector.received).toEqual([
      { type: 'error', message: 'panel.type: unknown message kind "eval"' },
      { type: 'error', message: 'panel.seq: expected integer, got undefined' },
      { type: 'error', message: 'panel.type: unknown message kind "subscribe"' },
    ]);
    expect(page.received).toEqual([]);
  });

  it('tells the relays to stop streaming when the last panel of their tab leaves', async () => {
    const [page, otherTab] = [relay(1, 0), relay(2, 0)];
    const [first, second] = [panel(1), panel(1)];
    panel(2);
    await settled();
    first.transport.close();
    await settled();
    expect(page.received).toEqual([]);
    second.transport.close();
    await settled();
    expect(page.received).toEqual([{ type: 'detach' }]);
    expect(otherTab.received).toEqual([]);
  });

  it('asks the tab’s relays to reconnect whenever a panel subscribes: after a restart it may know only some of them', async () => {
    relay(1, 0); // reconnected by itself (a bfcache restore); the tab's other frames are still cut off
    panel(1);
    panel(2);
    await settled();
    expect(askedToReconnect).toEqual([1, 2]);
  });

  it('forgets a relay whose link closed, and posts nothing more to it', async () => {
    const pair = createFakeTransportPair();
    pairs.push(pair);
    const postedToGoneRelay: unknown[] = [];
    // The router's end of the link, spied on: the fake drops what is posted after a disconnect, the spy still sees it.
    router.acceptRelay({ ...pair.b, postMessage: (message) => postedToGoneRelay.push(message) }, 1, 0);
    const kept = relay(1, 2);
    const inspector = panel(1);
    await settled();
    pair.disconnect();
    await settled();
    inspector.transport.postMessage({ type: 'detach' });
    await settled();
    expect(kept.received).toEqual([{ type: 'detach' }]);
    expect(postedToGoneRelay).toEqual([]);
  });
});
