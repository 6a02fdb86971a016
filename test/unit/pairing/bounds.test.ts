import { describe, expect, it } from 'vitest';
import { feed } from '../../../src/panel/pairing/feed';
import { latencyReport } from '../../../src/panel/pairing/latency';
import { pairOf } from '../../../src/panel/pairing/lookup';
import { serializePairing } from '../../../src/panel/pairing/serialize';
import { createPairing, resetPairing } from '../../../src/panel/pairing/state';
import type { PairingLimits } from '../../../src/panel/pairing/types';
import { end, next, request, response, socketsOf, T0 } from './fixtures';

const setUp = (limits?: Partial<PairingLimits>) => {
  const state = createPairing({ timeoutMs: 5000, limits });
  return { state, sockets: socketsOf(state) };
};

describe('orphan answers', () => {
  it('keeps an answer with no request, and a second answer to a finished exchange, as counted orphans', () => {
    const { state, sockets } = setUp();
    const socket = sockets(1);
    const stray = socket.say(0, response('json:req-77'));
    socket.say(10, request('json:req-1', 'join'));
    socket.say(20, response('json:req-1'));
    const again = socket.say(30, response('json:req-1'));
    const strayEnd = socket.say(40, end('graphql:send:9'));

    expect(pairOf(state, 'doc', stray)).toEqual([{ role: 'orphan', key: 'json:req-77', name: '', state: 'orphan', responseSeq: stray }]);
    expect(pairOf(state, 'doc', again)[0]).toMatchObject({ role: 'orphan', state: 'orphan' });
    expect(pairOf(state, 'doc', strayEnd)[0].role).toBe('orphan');
    expect(state.counters.orphans).toBe(3);
    expect(latencyReport(state.latency, 'doc:1').orphans).toBe(3);
    expect(latencyReport(state.latency, 'all')).toMatchObject({ orphans: 3, total: { requests: 1, answered: 1 } });
  });
});

describe('keys are matched per connection', () => {
  it('two connections reusing the same id each pair with their own answer', () => {
    const { state, sockets } = setUp();
    const [a, b] = [sockets(1), sockets(2)];
    const askA = a.say(0, request('json:req-1', 'join'));
    const askB = b.say(5, request('json:req-1', 'leave'));
    const answerB = b.say(20, response('json:req-1'));
    expect(pairOf(state, 'doc', askA)[0].state).toBe('open');
    const answerA = a.say(50, response('json:req-1'));

    expect(pairOf(state, 'doc', askA)).toMatchObject([{ name: 'join', partnerSeq: answerA, latencyMs: 50 }]);
    expect(pairOf(state, 'doc', askB)).toMatchObject([{ name: 'leave', partnerSeq: answerB, latencyMs: 15 }]);
    expect(state.counters.orphans).toBe(0);
  });
});

describe('a request reusing the key of one still waiting', () => {
  it('starts a new exchange; the older stops waiting and is unanswered at once', () => {
    const { state, sockets } = setUp();
    const socket = sockets(1);
    const older = socket.say(0, request('json:req-1', 'join'));
    const newer = socket.say(100, request('json:req-1', 'join'));
    const answer = socket.say(130, response('json:req-1'));

    expect(pairOf(state, 'doc', older)).toEqual([
      { role: 'request', key: 'json:req-1', name: 'join', state: 'unanswered', requestSeq: older, timedOut: true },
    ]);
    expect(pairOf(state, 'doc', newer)).toMatchObject([{ partnerSeq: answer, latencyMs: 30 }]);
    expect(state.counters.superseded).toBe(1);
    expect(latencyReport(state.latency, 'all').total).toMatchObject({ requests: 2, answered: 1, unanswered: 1, pending: 0 });
  });
});

describe('caps, with exact counts', () => {
  it('past openPerConnection the oldest waiting exchanges stop waiting; their answers become orphans', () => {
    const { state, sockets } = setUp({ openPerConnection: 3 });
    const socket = sockets(1);
    const asked = [1, 2, 3, 4, 5].map((id) => socket.say(id, request(`jsonrpc:send:${id}`, 'call')));
    expect(state.counters.evictedOpen).toBe(2);
    expect(pairOf(state, 'doc', asked[0])[0]).toMatchObject({ state: 'unanswered', timedOut: true });
    expect(pairOf(state, 'doc', asked[2])[0].state).toBe('open');
    socket.say(10, response('jsonrpc:send:1'));
    socket.say(11, response('jsonrpc:send:5'));
    expect(state.counters.orphans).toBe(1);
    expect(latencyReport(state.latency, 'all').total).toMatchObject({ requests: 5, answered: 1, unanswered: 2, pending: 2 });
    // Another connection has its own allowance.
    sockets(2).say(12, request('jsonrpc:send:1', 'call'));
    expect(state.counters.evictedOpen).toBe(2);
  });

  it('past openTotal the oldest waiting exchange of any connection stops waiting', () => {
    const { state, sockets } = setUp({ openTotal: 2 });
    const first = sockets(1).say(0, request('json:a', 'x'));
    sockets(2).say(1, request('json:a', 'x'));
    sockets(3).say(2, request('json:a', 'x'));
    expect(state.counters.evictedOpen).toBe(1);
    expect(pairOf(state, 'doc', first)[0].state).toBe('unanswered');
    expect(state.openOrder.size).toBe(2);
  });

  it('past `kept` the oldest finished exchanges are forgotten: their rows no longer link, their figures stay', () => {
    const { state, sockets } = setUp({ kept: 2 });
    const socket = sockets(1);
    const rows: number[][] = [];
    for (let id = 1; id <= 5; id++)
      rows.push([socket.say(id * 10, request(`json:${id}`, 'join')), socket.say(id * 10 + 4, response(`json:${id}`))]);
    expect(state.counters.forgotten).toBe(3);
    expect(
      rows
        .slice(0, 3)
        .flat()
        .map((seq) => pairOf(state, 'doc', seq)),
    ).toEqual([[], [], [], [], [], []]);
    expect(pairOf(state, 'doc', rows[3][0])).toMatchObject([{ partnerSeq: rows[3][1] }]);
    expect(pairOf(state, 'doc', rows[4][1])).toMatchObject([{ partnerSeq: rows[4][0] }]);
    expect(latencyReport(state.latency, 'all').total).toMatchObject({ requests: 5, answered: 5, p50: 4, max: 4 });
    // Orphans count against the same cap.
    socket.say(100, response('json:nobody'));
    expect(state.counters.forgotten).toBe(4);
    // Nothing of the forgotten ones stays in the row index.
    const linked = Array.from({ length: 11 }, (_, i) => i + 1).filter((seq) => pairOf(state, 'doc', seq).length > 0);
    expect(linked).toEqual([rows[4][0], rows[4][1], 11]);
  });

  it('links only the first linkedNexts rows between the first answer and the end, and counts all of them', () => {
    const { state, sockets } = setUp({ linkedNexts: 2 });
    const socket = sockets(1);
    const subscribe = socket.say(0, request('graphql:send:s', 'OnTick'));
    const nexts = [1, 2, 3, 4, 5].map((i) => socket.say(i * 100, next('graphql:send:s')));
    const complete = socket.say(600, end('graphql:send:s'));
    expect(nexts.map((seq) => pairOf(state, 'doc', seq).map((link) => link.role))).toEqual([['response'], ['next'], ['next'], [], []]);
    expect(pairOf(state, 'doc', complete)).toMatchObject([{ role: 'end', partnerSeq: subscribe }]);
    expect(serializePairing(state).pairs[0]).toMatchObject({ messages: 6, end: complete });
  });
});

describe('the row index', () => {
  const say = (state: ReturnType<typeof createPairing>, seq: number, ...hints: ReturnType<typeof request>[]) =>
    feed(state, { frame: 'doc', seq, conn: 'doc:1', t: T0 + seq, hints });

  it('links rows however far apart their seqs are, and rows fed out of their order', () => {
    const { state } = setUp();
    say(state, 5_000_000, request('json:a', 'join'));
    say(state, 9_000_000, request('json:b', 'join'));
    say(state, 7_000_000, response('json:b'));
    say(state, 9_000_001, response('json:a'));
    expect([5_000_000, 7_000_000, 9_000_000, 9_000_001].map((seq) => pairOf(state, 'doc', seq).map((link) => link.partnerSeq))).toEqual([
      [9_000_001],
      [9_000_000],
      [7_000_000],
      [5_000_000],
    ]);
    expect(pairOf(state, 'doc', 6_000_000)).toEqual([]);
  });

  it('stays right while forgotten rows are compacted away', () => {
    const { state } = setUp({ kept: 10 });
    for (let id = 1; id <= 500; id++) {
      say(state, id * 2 - 1, request(`json:${id}`, 'join'));
      say(state, id * 2, response(`json:${id}`));
    }
    const linked = Array.from({ length: 1000 }, (_, i) => i + 1).filter((seq) => pairOf(state, 'doc', seq).length > 0);
    expect(linked).toEqual(Array.from({ length: 20 }, (_, i) => 981 + i));
    expect(state.counters.forgotten).toBe(490);
  });
});

describe('reset', () => {
  it('forgets every exchange, figure and counter, keeping the timeout and limits', () => {
    const { state, sockets } = setUp({ kept: 7 });
    const socket = sockets(1);
    const asked = socket.say(0, request('json:1', 'join'));
    socket.say(1, response('json:2'));
    socket.say(2, request('json:3', 'join'));
    resetPairing(state);
    expect(pairOf(state, 'doc', asked)).toEqual([]);
    expect(state.counters).toEqual({ orphans: 0, superseded: 0, evictedOpen: 0, forgotten: 0 });
    expect(latencyReport(state.latency, 'all')).toMatchObject({ total: { requests: 0 }, byName: [], orphans: 0 });
    expect([state.timeoutMs, state.limits.kept, state.openOrder.size, state.rows.size]).toEqual([5000, 7, 0, 0]);
    // And it works again afterwards.
    socket.say(10, request('json:3', 'join'));
    socket.say(15, response('json:3'));
    expect(latencyReport(state.latency, 'all').total).toMatchObject({ requests: 1, answered: 1, max: 5 });
  });
});
