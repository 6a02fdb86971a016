/** The relay's side of long text bodies kept in the page hook: references, exact trim counts, requests, the hand-over. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { linkToBackground } from '../../../src/content/background-link';
import { createBodyRequests } from '../../../src/content/body-requests';
import { readHandover, reviveEvent } from '../../../src/content/final-handover';
import { RelayLog } from '../../../src/content/log';
import { toWire } from '../../../src/content/to-wire';
import { serializeFinal } from '../../../src/page/final-flush';
import { LIMITS } from '../../../src/shared/limits';
import type { ToPage } from '../../../src/shared/page-commands';
import type { CapturedEvent } from '../../../src/shared/page-link';
import type { FrameInfo, ToPanel } from '../../../src/shared/protocol';
import { createFakeTransportPair } from '../../../src/shared/transport';
import { pageNatives } from '../page/natives-fixture';
import { received, sent } from '../panel/fixtures';
import { tupleOf } from '../shared/page-event-tuples';

const preview = 'p'.repeat(LIMITS.previewChars);
/** An event as the hook posts it once its body stayed there. */
const keptMsg = (kept: number, size = 5000): CapturedEvent => ({ k: 'msg', id: 1, t: 1, dir: 'recv', data: preview, size, kept });

afterEach(() => {
  vi.useRealTimers();
});

describe('the relay log’s references to bodies in the hook', () => {
  it('counts the hook’s trims as its own, each once, and only for events it still has', () => {
    const log = new RelayLog(LIMITS.relayBodyBudget, 3);
    for (let i = 1; i <= 3; i++) log.append(received(1, i, preview), { inHook: i });
    expect(log.body(2)).toEqual({ inHook: 2 });
    log.trimmedInHook([{ id: 1, bytes: 2000 }]);
    log.trimmedInHook([{ id: 1, bytes: 2000 }]); // reported twice (a hand-over repeating a batch): counted once
    expect(log.counters).toMatchObject({ trimmedBodies: 1, trimmedBytes: 2000 });
    expect(log.body(1)).toBeUndefined();
    expect(log.missingReason(1)).toContain('trimmed');
    log.append(received(1, 4, 'short')); // the event cap drops seq 1 and 2 with their references
    log.append(received(1, 5, 'short'));
    log.trimmedInHook([
      { id: 2, bytes: 10 }, // its event was dropped: counted as a dropped event already
      { id: 3, bytes: 30 },
      { id: 77, bytes: 1 }, // never seen (a rejected event)
    ]);
    expect(log.counters).toMatchObject({ trimmedBodies: 2, trimmedBytes: 2030, droppedEvents: 2 });
  });

  it('keeps references out of its own byte budget, so its trims never touch them', () => {
    const log = new RelayLog(10);
    log.append(received(1, 1, preview), { inHook: 1 });
    log.append(received(1, 2, ''), new ArrayBuffer(8));
    log.append(received(1, 3, ''), new ArrayBuffer(8)); // over 10 bytes: the relay's own oldest body goes
    expect(log.body(1)).toEqual({ inHook: 1 });
    expect(log.body(2)).toBeUndefined();
    expect(log.counters).toMatchObject({ trimmedBodies: 1, trimmedBytes: 8 });
  });
});

describe('the relay’s summary of an event whose body stayed in the hook', () => {
  it('takes the hook’s preview and size, is never complete, and keeps a reference', () => {
    const converted = toWire(keptMsg(7, 123_456));
    expect(converted?.event).toMatchObject({ k: 'msg', size: 123_456, preview, complete: false, binary: false });
    expect(converted?.body).toEqual({ inHook: 7 });
    const failed = toWire({ k: 'send-fail', id: 1, t: 1, data: preview, size: 9000, kept: 8, error: 'closed' });
    expect(failed?.event).toMatchObject({ size: 9000, complete: false });
    expect(failed?.body).toEqual({ inHook: 8 });
  });

  it('refuses a reference without its size (the preview alone cannot say it)', () => {
    expect(() => toWire({ k: 'msg', id: 1, t: 1, dir: 'recv', data: preview, kept: 1 })).toThrow('needs its preview text and size');
  });
});

describe('body requests to the hook', () => {
  it('posts one request per body and settles it with the hook’s answer, text or let go', async () => {
    const posted: ToPage[] = [];
    const requests = createBodyRequests((message) => posted.push(message));
    const first = requests.ask(4);
    const second = requests.ask(5);
    expect(posted).toEqual([
      { c: 'body', request: 1, id: 4 },
      { c: 'body', request: 2, id: 5 },
    ]);
    requests.answered(2, null);
    requests.answered(1, 'whole');
    requests.answered(1, 'again'); // a second answer is ignored
    await expect(first).resolves.toBe('whole');
    await expect(second).resolves.toBeNull();
  });

  it('fails a request the hook does not answer in time, and the oldest past the cap', async () => {
    vi.useFakeTimers();
    const requests = createBodyRequests(() => undefined, 1000, 2);
    const late = requests.ask(1);
    const displaced = requests.ask(2);
    const third = requests.ask(3); // the cap is 2: the oldest fails at once
    await expect(late).rejects.toThrow('more than 2 bodies were asked for at once');
    const outcomes = Promise.all([
      expect(displaced).rejects.toThrow('the page did not answer within 1 s'),
      expect(third).rejects.toThrow('the page did not answer within 1 s'),
    ]);
    await vi.advanceTimersByTimeAsync(1000);
    await outcomes;
    requests.answered(2, 'too late'); // nothing waits any more
  });
});

describe('getPayload for a body in the hook', () => {
  const frame: FrameInfo = { key: 'doc', url: 'https://doc.test/', top: true, frameId: -1, startedAt: 1 };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('asks the hook, and answers with its text, as trimmed when the hook let it go, or with why it could not', async () => {
    const log = new RelayLog();
    log.append(sent(1, 1, preview), { inHook: 1 });
    log.append(sent(1, 2, preview), { inHook: 2 });
    log.append(sent(1, 3, preview), { inHook: 3 });
    const asked: number[] = [];
    const hook = (id: number) => {
      asked.push(id);
      if (id === 1) return Promise.resolve('the whole text');
      if (id === 2) return Promise.resolve(null);
      return Promise.reject(new Error('the page did not answer within 5 s'));
    };
    const pair = createFakeTransportPair();
    const out: ToPanel[] = [];
    pair.b.onMessage((message) => out.push(message as ToPanel));
    const link = linkToBackground(
      log,
      frame,
      () => undefined,
      () => pair.a,
      hook,
    );
    link.start();
    for (const seq of [1, 2, 3]) pair.b.postMessage({ type: 'getPayload', requestId: seq, frame: 'doc', seq });
    await settle();
    await settle();
    expect(asked).toEqual([1, 2, 3]);
    expect(out.filter((m) => m.type === 'payload').map((m) => (m.type === 'payload' ? m.body : null))).toEqual([
      { text: 'the whole text' },
      { missing: log.missingReason(2) },
      { missing: 'the payload could not be read: Error: the page did not answer within 5 s' },
    ]);
  });
});

describe('the final hand-over with bodies in the hook', () => {
  const TOKEN = '00112233445566778899aabbccddeeff';

  it('carries the preview, size and reference of each kept body, and every trim not yet known to the relay', () => {
    const event = tupleOf(keptMsg(3));
    const detail = serializeFinal(
      pageNatives,
      TOKEN,
      [{ b: 2, events: [event], arena: null, trimmed: [{ id: 1, bytes: 2048 }] }],
      [tupleOf(keptMsg(4, 7000))],
      null,
      [{ id: 2, bytes: 4096 }],
    );
    expect(detail.length).toBeLessThan(3 * LIMITS.previewChars); // no body in it
    const read = readHandover(detail, TOKEN);
    expect(read.posted[0].trimmed).toEqual([{ id: 1, bytes: 2048 }]);
    expect(read.trimmed).toEqual([{ id: 2, bytes: 4096 }]);
    expect(read.posted[0].events.map(reviveEvent)).toEqual([keptMsg(3)]);
    expect(read.queue.map(reviveEvent)).toEqual([keptMsg(4, 7000)]);
  });
});
