/**
 * Firefox's worker capture, the relay side: a worker's events arrive in the array form the worker hook writes
 * (the page hook's recorder and `encode`), are checked and decoded with the page link's own check, and anything
 * the worker hook never sends (an object-shaped event, a packed place, a kept body's number) is refused and counted.
 */
import { describe, expect, it } from 'vitest';
import { createWorkerDocuments } from '../../../src/content/worker-documents';
import { unpackEvents } from '../../../src/shared/event-batch';
import { LIMITS } from '../../../src/shared/limits';
import { encode } from '../../../src/shared/page-tuples';
import type { ToPanel } from '../../../src/shared/protocol';
import { createFakeTransportPair } from '../../../src/shared/transport';

const W = 'a'.repeat(LIMITS.keyChars);
const report = (events: unknown[]) => ({ w: W, url: 'https://app.test/worker.js', kind: 'dedicated worker', events });
const long = 'x'.repeat(LIMITS.previewChars + 500);

/** A worker pseudo-document fed `events`, and what its link shows a panel that syncs from the start. */
async function shown(events: unknown[]) {
  const pair = createFakeTransportPair();
  const rejected: string[] = [];
  const docs = createWorkerDocuments(
    () => 'wdoc',
    () => pair.a,
    (reason) => rejected.push(reason),
    () => undefined,
  );
  const out: ToPanel[] = [];
  pair.b.onMessage((message) => out.push(message as ToPanel));
  docs.accept(report(events));
  await new Promise((resolve) => setTimeout(resolve, 0)); // the document's chain stores each event
  pair.b.postMessage({ type: 'sync', since: {} });
  await pair.settled();
  const batches = out.filter((message) => message.type === 'events');
  const last = batches[batches.length - 1];
  return {
    rejected,
    events: batches.flatMap((message) => (message.type === 'events' ? unpackEvents(message.events, 'events') : [])),
    counters: last?.type === 'events' ? last.counters : undefined,
  };
}

describe('a Firefox worker’s events in the relay', () => {
  it('decodes the arrays the worker hook writes into the rows a page’s events make, a long text whole', async () => {
    const { events, counters, rejected } = await shown([
      encode.create(1, 10, 'wss://w.test/', [], 'https://app.test/worker.js', '', undefined),
      encode.msg(1, 11, long, 'recv', undefined, undefined, undefined, undefined, undefined, undefined),
      encode.close(1, 12, 1000, 'done', true),
    ]);
    expect(rejected).toEqual([]);
    expect(events.map((event) => event.k)).toEqual(['create', 'msg', 'close']);
    expect(events[1]).toMatchObject({ conn: 1, t: 11, dir: 'recv', size: long.length, complete: false });
    expect(counters).toMatchObject({ rejected: 0, faults: 0 });
  });

  it('refuses, one event at a time, what the worker hook never sends', async () => {
    const { events, counters } = await shown([
      { k: 'error', id: 1, t: 1 }, // the object form of before
      encode.msg(1, 2, { p: 0, n: 4 } as never, 'recv', undefined, undefined, undefined, undefined, undefined, undefined),
      encode.msg(1, 3, 'preview', 'recv', 5000, undefined, undefined, undefined, undefined, 1),
      encode['send-fail'](1, 4, 'preview', 'closed', 5000, 2),
      encode.error(1, 5, undefined),
    ]);
    expect(events.map((event) => event.k)).toEqual(['error']);
    expect(counters?.rejected).toBe(4);
    expect(counters?.lastError).toBe('event.kept: a worker keeps no body in the page hook');
  });
});
