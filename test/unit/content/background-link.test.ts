import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type BackgroundLink, linkToBackground } from '../../../src/content/background-link';
import { RelayLog } from '../../../src/content/log';
import { unpackEvents } from '../../../src/shared/event-batch';
import { LIMITS } from '../../../src/shared/limits';
import type { FrameInfo, PageCommand, ToPanel, WireEvent } from '../../../src/shared/protocol';
import { createFakeTransportPair, type FakeTransportPair } from '../../../src/shared/transport';
import { create, open, received, sent } from '../panel/fixtures';

const frame: FrameInfo = { key: 'doc', url: 'https://doc.test/', top: true, frameId: -1, startedAt: 1 };

/** One relay with its log, and the background ends of every link it opened (the last is the live one). */
interface Relay {
  log: RelayLog;
  link: BackgroundLink;
  toPage: PageCommand[];
  links: { pair: FakeTransportPair; received: ToPanel[] }[];
  /** What the live background end received. */
  received(): ToPanel[];
  /** The live background end says `message` to the relay. */
  say(message: unknown): void;
}

function startRelay(options: { withEvents?: number } = {}): Relay {
  const log = new RelayLog();
  for (let i = 0; i < (options.withEvents ?? 0); i++) log.append(sent(1, i, `m${i}`), `m${i}`);
  const toPage: PageCommand[] = [];
  const links: Relay['links'] = [];
  const link = linkToBackground(
    log,
    frame,
    (command) => toPage.push(command),
    () => {
      const pair = createFakeTransportPair();
      const receivedHere: ToPanel[] = [];
      pair.b.onMessage((message) => receivedHere.push(message as ToPanel));
      links.push({ pair, received: receivedHere });
      return pair.a;
    },
  );
  link.start(); // as the relay does once its document has loaded
  const live = () => links[links.length - 1];
  return { log, link, toPage, links, received: () => live().received, say: (message) => live().pair.b.postMessage(message) };
}

/** Lets every delivery and every answer that awaits run (a macrotask comes after all microtasks). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const seqs = (messages: ToPanel[]) =>
  messages.map((m) => (m.type === 'events' ? unpackEvents(m.events, 'events').map((e: WireEvent) => e.seq) : m.type));

describe('linkToBackground', () => {
  it('connects only when started: at the first event, or when the relay says (the document loaded)', () => {
    let connections = 0;
    const connect = () => {
      connections++;
      return createFakeTransportPair().a;
    };
    const quiet = linkToBackground(new RelayLog(), frame, () => undefined, connect);
    expect(connections).toBe(0);
    quiet.start();
    quiet.start();
    expect(connections).toBe(1);
    const log = new RelayLog();
    const busy = linkToBackground(log, frame, () => undefined, connect);
    log.append(create(1, 1));
    busy.notify();
    busy.notify();
    busy.start();
    expect(connections).toBe(2);
  });

  it('says hello with its frame as soon as it connects', async () => {
    const relay = startRelay();
    await settle();
    expect(relay.received()).toEqual([{ type: 'hello', frame }]);
  });

  it('answers a sync with every event after the panel’s last seq, and unknown documents from the start', async () => {
    const relay = startRelay({ withEvents: 5 });
    relay.say({ type: 'sync', since: { doc: 2 } });
    relay.say({ type: 'sync', since: { 'some-other-doc': 4 } });
    await settle();
    expect(seqs(relay.received())).toEqual(['hello', [3, 4, 5], [1, 2, 3, 4, 5]]);
    expect(relay.received()[1]).toMatchObject({ type: 'events', frame, counters: relay.log.counters });
  });

  it('answers a sync of a long log in batches of LIMITS.batchEvents, in order, with no empty batch at the end', async () => {
    const relay = startRelay();
    const total = LIMITS.batchEvents * 2;
    for (let i = 1; i <= total; i++) relay.log.appendMessage(1, i, 'recv', `m${i}`);
    relay.say({ type: 'sync', since: { doc: 0 } });
    await settle();
    const [, ...batches] = seqs(relay.received());
    expect(batches.map((b) => (b as number[]).length)).toEqual([LIMITS.batchEvents, LIMITS.batchEvents]);
    expect(batches.flat()).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    const last = relay.received()[2];
    expect(last.type === 'events' && unpackEvents(last.events, 'events').at(-1)).toMatchObject({ preview: `m${total}`, t: total });
  });

  it('answers a sync with nothing new by one empty batch, so that the panel still gets the counters', async () => {
    const relay = startRelay({ withEvents: 2 });
    relay.log.counters.rejected = 3;
    relay.say({ type: 'sync', since: { doc: 2 } });
    await settle();
    expect(relay.received()[1]).toEqual({ type: 'events', frame, events: '[]', counters: { ...relay.log.counters, rejected: 3 } });
  });

  it('counts a malformed request as rejected and acts on nothing', async () => {
    const relay = startRelay({ withEvents: 1 });
    relay.say({ type: 'sync', since: { doc: 'zero' } });
    await settle();
    expect(relay.received()).toEqual([{ type: 'hello', frame }]);
    expect(relay.log.counters).toMatchObject({ rejected: 1, lastError: 'command.since.doc: expected integer, got string' });
  });
});

describe('linkToBackground while a panel is attached', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('streams new events within 16 ms of a quiet spell, in seq order, in batches of at most LIMITS.batchEvents', async () => {
    const relay = startRelay({ withEvents: 1 });
    relay.say({ type: 'sync', since: {} });
    await vi.advanceTimersByTimeAsync(LIMITS.busyFlushMs); // the sync's answer was a batch too: let it age
    const total = LIMITS.batchEvents * 2 + 500;
    for (let i = 0; i < total; i++) {
      relay.log.append(received(1, i, 'x'));
      relay.link.notify();
    }
    await vi.advanceTimersByTimeAsync(15);
    expect(relay.received()).toHaveLength(2); // hello and the sync's batch: live batches wait up to 16 ms
    await vi.advanceTimersByTimeAsync(1);
    const live = relay.received().slice(2);
    expect(live.map((m) => (m.type === 'events' ? unpackEvents(m.events, 'events').length : m.type))).toEqual([
      LIMITS.batchEvents,
      LIMITS.batchEvents,
      500,
    ]);
    expect(live.flatMap((m) => (m.type === 'events' ? unpackEvents(m.events, 'events').map((e) => e.seq) : []))).toEqual(
      Array.from({ length: total }, (_, i) => i + 2),
    );
  });

  it('paces a steady stream: the next batch leaves LIMITS.busyFlushMs after the previous one, and a lone event after a quiet spell within 16 ms', async () => {
    const relay = startRelay();
    relay.say({ type: 'sync', since: {} });
    await vi.advanceTimersByTimeAsync(LIMITS.busyFlushMs); // the sync's batch is the first one; let it age
    const batches = () => relay.received().filter((m) => m.type === 'events').length;
    const before = batches();
    const event = (i: number) => {
      relay.log.append(received(1, i, 'x'));
      relay.link.notify();
    };
    event(0);
    await vi.advanceTimersByTimeAsync(LIMITS.liveFlushMs);
    expect(batches()).toBe(before + 1);
    // Events keep coming: they wait for the rest of busyFlushMs since that batch, then leave together.
    for (let i = 1; i <= 20; i++) {
      event(i);
      await vi.advanceTimersByTimeAsync(4);
    }
    expect(batches()).toBe(before + 1);
    await vi.advanceTimersByTimeAsync(LIMITS.busyFlushMs - 80 - 1);
    expect(batches()).toBe(before + 1);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches()).toBe(before + 2);
    const last = relay.received().at(-1);
    expect(last?.type === 'events' ? unpackEvents(last.events, 'events').length : 0).toBe(20);
    // Quiet again: a lone event goes within liveFlushMs.
    await vi.advanceTimersByTimeAsync(LIMITS.busyFlushMs);
    event(21);
    await vi.advanceTimersByTimeAsync(LIMITS.liveFlushMs);
    expect(batches()).toBe(before + 3);
  });

  it('streams nothing before a panel synced, nor after the background said detach', async () => {
    const relay = startRelay();
    relay.log.append(create(1, 1));
    relay.link.notify();
    await vi.advanceTimersByTimeAsync(20);
    expect(seqs(relay.received())).toEqual(['hello']);
    relay.say({ type: 'sync', since: {} });
    await vi.advanceTimersByTimeAsync(0);
    relay.say({ type: 'detach' });
    await vi.advanceTimersByTimeAsync(0);
    relay.log.append(open(1, 2));
    relay.link.notify();
    await vi.advanceTimersByTimeAsync(20);
    expect(seqs(relay.received())).toEqual(['hello', [1]]);
  });

  it('sends what the batch still holds at once when the document leaves', async () => {
    const relay = startRelay();
    relay.say({ type: 'sync', since: {} });
    await vi.advanceTimersByTimeAsync(0);
    relay.log.append(create(1, 1));
    relay.link.notify();
    relay.link.flushNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(seqs(relay.received())).toEqual(['hello', [], [1]]);
  });
});

describe('linkToBackground payloads and commands', () => {
  it('answers getPayload with the whole body: text as text, binary as base64, and says why one is missing', async () => {
    const relay = startRelay();
    relay.log.append(sent(1, 1, 'whole text'), 'whole text');
    relay.log.append(received(1, 2, ''), new Uint8Array([0, 1, 255]).buffer);
    relay.log.append(received(1, 3, 'preview only'));
    for (const seq of [1, 2, 3, 9]) relay.say({ type: 'getPayload', requestId: seq * 10, frame: 'doc', seq });
    relay.say({ type: 'getPayload', requestId: 99, frame: 'another-doc', seq: 1 });
    await settle();
    expect(relay.received().slice(1)).toEqual([
      { type: 'payload', requestId: 10, frame: 'doc', seq: 1, body: { text: 'whole text' } },
      { type: 'payload', requestId: 20, frame: 'doc', seq: 2, body: { base64: 'AAH/' } },
      { type: 'payload', requestId: 30, frame: 'doc', seq: 3, body: { missing: relay.log.missingReason(3) } },
      { type: 'payload', requestId: 90, frame: 'doc', seq: 9, body: { missing: 'no such event' } },
    ]);
  });

  it('turns the panel’s commands for its document into page commands; binary becomes an ArrayBuffer', async () => {
    const relay = startRelay();
    const rules = [{ id: 1, pattern: 'wss://down.test', attempts: 2 }];
    relay.say({ type: 'command', frame: 'doc', command: { c: 'send', id: 1, text: 'hi' } });
    relay.say({ type: 'command', frame: 'doc', command: { c: 'receive', id: 1, base64: 'AAH/' } });
    relay.say({ type: 'command', frame: 'doc', command: { c: 'close', id: 2, code: 4000, reason: 'bye' } });
    relay.say({ type: 'command', frame: 'another-doc', command: { c: 'drop', id: 1 } });
    relay.say({ type: 'rules', rules });
    await settle();
    const [send, receive, ...rest] = relay.toPage;
    expect(send).toEqual({ c: 'send', id: 1, data: 'hi' });
    expect(receive).toMatchObject({ c: 'receive', id: 1 });
    expect(new Uint8Array((receive as { data: ArrayBuffer }).data)).toEqual(new Uint8Array([0, 1, 255]));
    expect(rest).toEqual([
      { c: 'close', id: 2, code: 4000, reason: 'bye' },
      { c: 'rules', rules },
    ]);
  });

  it('refuses, and counts, a binary command that is not base64', async () => {
    const relay = startRelay();
    relay.say({ type: 'command', frame: 'doc', command: { c: 'send', id: 1, base64: '%%%' } });
    await settle();
    expect(relay.toPage).toEqual([]);
    expect(relay.log.counters).toMatchObject({ rejected: 1, lastError: 'the binary payload is not valid base64' });
  });
});

describe('linkToBackground across background restarts', () => {
  it('reconnects when the restarted background asks, says hello again, and a later sync sends only what is missing', async () => {
    const relay = startRelay({ withEvents: 3 });
    relay.say({ type: 'sync', since: {} });
    await settle();
    relay.links[0].pair.disconnect(); // the service worker is stopped
    await settle();
    relay.log.append(open(1, 10));
    relay.log.append(sent(1, 11, 'while the background was away'));
    relay.link.notify();
    relay.link.reconnectIfClosed();
    await settle();
    expect(relay.links).toHaveLength(2);
    expect(seqs(relay.received())).toEqual(['hello']);
    relay.say({ type: 'sync', since: { doc: 3 } });
    await settle();
    expect(seqs(relay.received())).toEqual(['hello', [4, 5]]);
  });

  it('does not open a second link when asked to reconnect while connected', async () => {
    const relay = startRelay();
    relay.link.reconnectIfClosed();
    await settle();
    expect(relay.links).toHaveLength(1);
  });

  it('replaces its link whatever its state when the document comes back from the bfcache', async () => {
    const relay = startRelay({ withEvents: 1 });
    const oldEnd: string[] = [];
    relay.links[0].pair.b.onClose(() => oldEnd.push('closed'));
    relay.say({ type: 'sync', since: {} });
    await settle();
    relay.link.replaceConnection();
    await settle();
    expect(oldEnd).toEqual(['closed']);
    expect(relay.links).toHaveLength(2);
    expect(seqs(relay.received())).toEqual(['hello']);
    // No panel is attached on the new link until it syncs: nothing streams meanwhile.
    relay.log.append(open(1, 2));
    relay.link.flushNow();
    await settle();
    expect(seqs(relay.received())).toEqual(['hello']);
  });

  it('ignores what was still on its way on a link it replaced', async () => {
    const relay = startRelay({ withEvents: 1 });
    relay.say({ type: 'sync', since: {} }); // posted by the old background, not yet delivered
    relay.link.replaceConnection();
    await settle();
    expect(relay.links[0].received).toEqual([{ type: 'hello', frame }]);
    expect(relay.received()).toEqual([{ type: 'hello', frame }]);
  });

  it('stays quiet when the extension is gone and it cannot connect', () => {
    const log = new RelayLog();
    const link = linkToBackground(
      log,
      frame,
      () => undefined,
      () => null,
    );
    log.append(create(1, 1));
    expect(() => {
      link.notify();
      link.flushNow();
      link.reconnectIfClosed();
    }).not.toThrow();
  });
});

describe('linkToBackground and message rules', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const rule = { id: 7, url: '', dir: 'send', match: { m: 'any' }, action: { a: 'hold' } } as const;

  it('forwards the panel’s message rules and its answers to held frames to the page', async () => {
    const relay = startRelay();
    relay.say({ type: 'msg-rules', rules: [rule] });
    relay.say({ type: 'command', frame: 'doc', command: { c: 'hold', id: 3, hold: 1, decision: 'edited', text: 'changed' } });
    relay.say({ type: 'command', frame: 'doc', command: { c: 'hold', id: 3, hold: 2, decision: 'drop' } });
    await vi.advanceTimersByTimeAsync(0);
    expect(relay.toPage).toEqual([
      { c: 'msg-rules', rules: [rule] },
      { c: 'hold', id: 3, hold: 1, decision: 'edited', data: 'changed' },
      { c: 'hold', id: 3, hold: 2, decision: 'drop' },
    ]);
  });

  it('turns the rules off and releases every hold when the last panel goes (detach)', async () => {
    const relay = startRelay();
    relay.say({ type: 'msg-rules', rules: [rule] });
    relay.say({ type: 'detach' });
    await vi.advanceTimersByTimeAsync(0);
    expect(relay.toPage.slice(1)).toEqual([{ c: 'msg-rules', rules: [] }, { c: 'release-holds' }]);
  });

  it('releases every hold once the link to the background stays lost for LIMITS.holdOrphanMs', async () => {
    const relay = startRelay();
    relay.links[0].pair.disconnect();
    await vi.advanceTimersByTimeAsync(LIMITS.holdOrphanMs - 1);
    expect(relay.toPage).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(relay.toPage).toEqual([{ c: 'release-holds' }]);
    await vi.advanceTimersByTimeAsync(LIMITS.holdOrphanMs * 2);
    expect(relay.toPage).toHaveLength(1); // once
  });

  it('keeps the holds when the link comes back in time (a restarted background asked to reconnect)', async () => {
    const relay = startRelay();
    relay.links[0].pair.disconnect();
    await vi.advanceTimersByTimeAsync(LIMITS.holdOrphanMs / 2);
    relay.link.reconnectIfClosed();
    await vi.advanceTimersByTimeAsync(LIMITS.holdOrphanMs * 2);
    expect(relay.links).toHaveLength(2);
    expect(relay.toPage).toEqual([]);
  });
});
