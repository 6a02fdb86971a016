import { describe, expect, it } from 'vitest';
import { advance } from '../../../src/panel/pairing/feed';
import { serializePairing } from '../../../src/panel/pairing/serialize';
import { createPairing } from '../../../src/panel/pairing/state';
import { next, request, response, socketsOf, T0 } from './fixtures';

function session() {
  const state = createPairing({ timeoutMs: 5000, limits: { kept: 3 } });
  const sockets = socketsOf(state);
  const [one, two] = [sockets(1), sockets(2)];
  one.say(0, request('json:req-0', 'join')); // seq 1, forgotten below
  one.say(1, response('json:req-0')); // seq 2
  one.say(10, request('json:req-1', 'join')); // seq 3
  two.say(12, request('graphql:send:1', 'OnTick')); // seq 4, still going at the end
  two.say(20, next('graphql:send:1')); // seq 5
  one.say(30, response('json:stray')); // seq 6, orphan
  one.say(6000, response('json:req-1', true)); // seq 7, late and an error
  one.say(6001, request('json:req-2', 'leave')); // seq 8, never answered
  one.say(6002, request('json:req-3', 'leave')); // seq 9
  one.say(6010, response('json:req-3')); // seq 10
  advance(state, T0 + 20_000);
  return state;
}

describe('serializePairing', () => {
  it('writes every exchange held, in time order, with what it no longer holds counted', () => {
    expect(serializePairing(session())).toEqual({
      timeoutMs: 5000,
      counters: { orphans: 1, superseded: 0, evictedOpen: 0, forgotten: 1 },
      pairs: [
        {
          connection: 'doc:1',
          key: 'json:req-1',
          name: 'join',
          state: 'ended',
          request: 3,
          response: 7,
          end: 7,
          latencyMs: 5990,
          timedOut: true,
          late: true,
          error: true,
          messages: 1,
        },
        {
          connection: 'doc:2',
          key: 'graphql:send:1',
          name: 'OnTick',
          state: 'answered',
          request: 4,
          response: 5,
          end: null,
          latencyMs: 8,
          timedOut: false,
          late: false,
          error: false,
          messages: 1,
        },
        {
          connection: 'doc:1',
          key: 'json:stray',
          name: '',
          state: 'orphan',
          request: null,
          response: 6,
          end: null,
          latencyMs: null,
          timedOut: false,
          late: false,
          error: false,
          messages: 1,
        },
        {
          connection: 'doc:1',
          key: 'json:req-2',
          name: 'leave',
          state: 'unanswered',
          request: 8,
          response: null,
          end: null,
          latencyMs: null,
          timedOut: true,
          late: false,
          error: false,
          messages: 0,
        },
        {
          connection: 'doc:1',
          key: 'json:req-3',
          name: 'leave',
          state: 'ended',
          request: 9,
          response: 10,
          end: 10,
          latencyMs: 8,
          timedOut: false,
          late: false,
          error: false,
          messages: 1,
        },
      ],
    });
  });

  it('writes one connection only when asked, and plain data that survives JSON', () => {
    const one = serializePairing(session(), 'doc:2');
    expect(one.pairs.map((pair) => pair.key)).toEqual(['graphql:send:1']);
    const all = serializePairing(session());
    expect(JSON.parse(JSON.stringify(all))).toEqual(all);
  });
});
