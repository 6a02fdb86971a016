import { describe, expect, it } from 'vitest';
import { createFakeTransportPair, type Transport } from '../../../src/shared/transport';

/** Everything `transport` receives, in order; 'closed' marks its onClose. */
function record(transport: Transport): unknown[] {
  const seen: unknown[] = [];
  transport.onMessage((message) => seen.push(message));
  transport.onClose(() => seen.push('closed'));
  return seen;
}

describe('createFakeTransportPair', () => {
  it('delivers each side’s messages to the other, in order, as JSON copies', async () => {
    const pair = createFakeTransportPair();
    const atA = record(pair.a);
    const atB = record(pair.b);
    const sent = { n: 1, nested: { list: [1, 2] }, dropped: undefined };
    pair.a.postMessage(sent);
    pair.a.postMessage({ n: 2 });
    pair.b.postMessage({ back: true });
    sent.nested.list.push(3);
    await pair.settled();
    expect(atB).toEqual([{ n: 1, nested: { list: [1, 2] } }, { n: 2 }]);
    expect(atA).toEqual([{ back: true }]);
  });

  it('delivers a reply after what was already on its way', async () => {
    const pair = createFakeTransportPair();
    const atA = record(pair.a);
    pair.b.onMessage((message) => pair.b.postMessage({ reply: message }));
    pair.a.postMessage('ping');
    pair.b.postMessage('earlier');
    await pair.settled();
    expect(atA).toEqual(['earlier', { reply: 'ping' }]);
  });

  it('holds messages and releases them reordered, or drops those left out', async () => {
    const pair = createFakeTransportPair();
    const atB = record(pair.b);
    pair.hold();
    for (const n of [1, 2, 3]) pair.a.postMessage(n);
    await pair.settled();
    expect(atB).toEqual([]);
    expect(pair.held).toBe(3);
    pair.release([2, 0]);
    await pair.settled();
    expect(atB).toEqual([3, 1]);
    pair.a.postMessage(4);
    await pair.settled();
    expect(atB).toEqual([3, 1, 4]);
  });

  it('close() on one end tells the other end after what was posted before, and drops later messages', async () => {
    const pair = createFakeTransportPair();
    const atA = record(pair.a);
    const atB = record(pair.b);
    pair.a.postMessage('last words');
    pair.a.close();
    pair.a.postMessage('too late');
    pair.b.postMessage('also too late');
    await pair.settled();
    expect(atB).toEqual(['last words', 'closed']);
    expect(atA).toEqual([]);
  });

  it('disconnect() loses what was in flight and tells both ends, as a stopped service worker does', async () => {
    const pair = createFakeTransportPair();
    const atA = record(pair.a);
    const atB = record(pair.b);
    pair.a.postMessage('lost');
    pair.disconnect();
    pair.b.postMessage('after');
    await pair.settled();
    expect(atA).toEqual(['closed']);
    expect(atB).toEqual(['closed']);
  });

  it('stops calling a listener once it unsubscribed', async () => {
    const pair = createFakeTransportPair();
    const seen: unknown[] = [];
    const unsubscribe = pair.b.onMessage((message) => seen.push(message));
    pair.a.postMessage(1);
    await pair.settled();
    unsubscribe();
    pair.a.postMessage(2);
    await pair.settled();
    expect(seen).toEqual([1]);
  });
});
