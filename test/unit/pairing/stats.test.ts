import { describe, expect, it } from 'vitest';
import { advance } from '../../../src/panel/pairing/feed';
import { latencyReport, percentile } from '../../../src/panel/pairing/latency';
import { createPairing } from '../../../src/panel/pairing/state';
import type { PairingLimits } from '../../../src/panel/pairing/types';
import { next, request, response, socketsOf, T0 } from './fixtures';

const setUp = (limits?: Partial<PairingLimits>) => {
  const state = createPairing({ timeoutMs: 5000, limits });
  return { state, sockets: socketsOf(state) };
};

/** Asks `name` at `at` ms and gets its answer `latency` ms later. */
function exchange(socket: ReturnType<ReturnType<typeof socketsOf>>, id: string, name: string, at: number, latency: number, error = false) {
  socket.say(at, request(`json:${id}`, name));
  socket.say(at + latency, response(`json:${id}`, error));
}

describe('latency per name, per connection and overall', () => {
  const traffic = () => {
    const { state, sockets } = setUp();
    const [one, two] = [sockets(1), sockets(2)];
    for (let i = 1; i <= 10; i++) exchange(one, `j${i}`, 'join', i * 1000, i * 10); // 10, 20, … 100 ms
    exchange(one, 'l1', 'leave', 20_000, 7);
    exchange(two, 'j1', 'join', 21_000, 200, true);
    two.say(22_000, request('json:j2', 'join')); // never answered
    two.say(22_500, request('json:p', '')); // a request that names nothing, answered below
    two.say(22_503, response('json:p'));
    advance(state, T0 + 27_001);
    return state;
  };

  it('gives a connection its own lines, most requested first, with exact nearest-rank percentiles', () => {
    const report = latencyReport(traffic().latency, 'doc:1');
    expect(report.byName).toEqual([
      { name: 'join', requests: 10, answered: 10, late: 0, unanswered: 0, pending: 0, errors: 0, p50: 50, p95: 100, max: 100, samples: 10 },
      { name: 'leave', requests: 1, answered: 1, late: 0, unanswered: 0, pending: 0, errors: 0, p50: 7, p95: 7, max: 7, samples: 1 },
    ]);
    expect(report.total).toMatchObject({ total: true, requests: 11, p50: 50, p95: 100, max: 100, samples: 11 });
  });

  it('counts unanswered requests, errors and unnamed requests on their connection', () => {
    const report = latencyReport(traffic().latency, 'doc:2');
    expect(report.byName).toEqual([
      { name: 'join', requests: 2, answered: 1, late: 0, unanswered: 1, pending: 0, errors: 1, p50: 200, p95: 200, max: 200, samples: 1 },
      { name: '', requests: 1, answered: 1, late: 0, unanswered: 0, pending: 0, errors: 0, p50: 3, p95: 3, max: 3, samples: 1 },
    ]);
  });

  it('adds every connection up in the overall lines', () => {
    const report = latencyReport(traffic().latency, 'all');
    // join overall: 10, 20, … 100 and 200: the 6th of 11 is the median, the 11th the 95th percentile.
    expect(report.byName[0]).toEqual({
      name: 'join',
      requests: 12,
      answered: 11,
      late: 0,
      unanswered: 1,
      pending: 0,
      errors: 1,
      p50: 60,
      p95: 200,
      max: 200,
      samples: 11,
    });
    expect(report.byName.map((line) => line.name)).toEqual(['join', '', 'leave']);
    expect(report.total).toMatchObject({ requests: 14, answered: 13, unanswered: 1, errors: 1, max: 200 });
  });

  it('counts a request still within its timeout as pending', () => {
    const { state, sockets } = setUp();
    sockets(1).say(0, request('json:1', 'join'));
    expect(latencyReport(state.latency, 'all').total).toMatchObject({ requests: 1, pending: 1, samples: 0 });
    expect(latencyReport(state.latency, 'all').total.p50).toBeUndefined();
  });

  it('counts an exchange with several error answers once', () => {
    const { state, sockets } = setUp();
    const socket = sockets(1);
    socket.say(0, request('graphql:send:1', 'OnTick'));
    socket.say(5, { key: 'graphql:send:1', role: 'next', error: true });
    socket.say(6, { key: 'graphql:send:1', role: 'response', error: true });
    expect(latencyReport(state.latency, 'all').total.errors).toBe(1);
  });

  it('gives an empty report for a connection it never saw', () => {
    const { state } = setUp();
    expect(latencyReport(state.latency, 'other:1')).toMatchObject({ scope: 'other:1', byName: [], orphans: 0, total: { requests: 0 } });
  });
});

describe('bounds of the figures', () => {
  it('takes percentiles over the most recent latencySamples latencies and max over all of them', () => {
    const { state, sockets } = setUp({ latencySamples: 4 });
    const socket = sockets(1);
    exchange(socket, 'slow', 'join', 0, 1000);
    for (let i = 1; i <= 10; i++) exchange(socket, `${i}`, 'join', i * 2000, i);
    // Kept: 7, 8, 9, 10.
    expect(latencyReport(state.latency, 'doc:1').byName[0]).toMatchObject({
      requests: 11,
      answered: 11,
      samples: 4,
      p50: 8,
      p95: 10,
      max: 1000,
    });
  });

  it('puts names past the cap on one "other" line, per connection and overall', () => {
    const { state, sockets } = setUp({ namesPerConnection: 2, namesTotal: 3 });
    const [one, two] = [sockets(1), sockets(2)];
    ['a', 'b', 'c', 'd'].forEach((name, i) => {
      exchange(one, name, name, i * 10, 1);
    });
    ['e', 'a'].forEach((name, i) => {
      exchange(two, name, name, 100 + i * 10, 2);
    });
    const names = (scope: string) =>
      latencyReport(state.latency, scope).byName.map((line) => (line.other ? `other×${line.requests}` : line.name));
    expect(names('doc:1')).toEqual(['a', 'b', 'other×2']);
    expect(names('doc:2')).toEqual(['a', 'e']);
    expect(names('all')).toEqual(['a', 'b', 'c', 'other×2']);
  });

  it('counts a GraphQL subscription once, timed at its first next', () => {
    const { state, sockets } = setUp();
    const socket = sockets(1);
    socket.say(0, request('graphql:send:s', 'OnTick'));
    for (let i = 1; i <= 5; i++) socket.say(i * 40, next('graphql:send:s'));
    expect(latencyReport(state.latency, 'all').total).toMatchObject({ requests: 1, answered: 1, samples: 1, max: 40 });
  });
});

describe('percentile (nearest rank)', () => {
  it('picks the smallest value with at least p% at or below it', () => {
    const sorted = Float64Array.from([3, 1, 4, 1, 5, 9, 2, 6, 5, 3]).sort();
    expect([percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 10), percentile(Float64Array.of(42), 95)]).toEqual([
      3, 9, 1, 42,
    ]);
  });
});
