import { describe, expect, it } from 'vitest';
import { advance } from '../../../src/panel/pairing/feed';
import { latencyReport } from '../../../src/panel/pairing/latency';
import { pairOf } from '../../../src/panel/pairing/lookup';
import { createPairing } from '../../../src/panel/pairing/state';
import { request, response, socketsOf, T0 } from './fixtures';

/** The seed's client gives up on a request after 5 s. */
const setUp = () => {
  const state = createPairing({ timeoutMs: 5000 });
  return { state, socket: socketsOf(state)(1) };
};

describe('a request that times out at 5 s', () => {
  it('is open up to and at 5 s, unanswered just after, judged by a tick', () => {
    const { state, socket } = setUp();
    const noReply = socket.say(0, request('json:req-9', 'noReply'));
    advance(state, T0 + 5000);
    expect(pairOf(state, 'doc', noReply)).toEqual([
      { role: 'request', key: 'json:req-9', name: 'noReply', state: 'open', requestSeq: noReply },
    ]);
    advance(state, T0 + 5000.5);
    expect(pairOf(state, 'doc', noReply)[0]).toMatchObject({ state: 'unanswered', timedOut: true });
    expect(latencyReport(state.latency, 'all').total).toMatchObject({ requests: 1, unanswered: 1, pending: 0 });
  });

  it('is judged by the time of a later message too, with no tick', () => {
    const { state, socket } = setUp();
    const noReply = socket.say(0, request('json:req-9', 'noReply'));
    socket.say(4000, request('json:req-10', 'join'));
    expect(pairOf(state, 'doc', noReply)[0].state).toBe('open');
    socket.say(5001, response('json:req-10'));
    expect(pairOf(state, 'doc', noReply)[0].state).toBe('unanswered');
  });

  it('is judged by the time of a message that takes part in no exchange', () => {
    const { state, socket } = setUp();
    const noReply = socket.say(0, request('json:req-9', 'noReply'));
    socket.say(5001);
    expect(pairOf(state, 'doc', noReply)[0].state).toBe('unanswered');
  });

  it('an answer exactly at the timeout is in time', () => {
    const { state, socket } = setUp();
    const asked = socket.say(0, request('json:req-1', 'join'));
    socket.say(5000, response('json:req-1'));
    expect(pairOf(state, 'doc', asked)).toMatchObject([{ state: 'ended', latencyMs: 5000 }]);
    expect(pairOf(state, 'doc', asked)[0].timedOut).toBeUndefined();
  });

  it('a late answer keeps the pair, its latency, and the timed-out mark', () => {
    const { state, socket } = setUp();
    const asked = socket.say(0, request('json:req-1', 'join'));
    const answer = socket.say(6200, response('json:req-1'));
    expect(pairOf(state, 'doc', answer)).toEqual([
      {
        role: 'response',
        key: 'json:req-1',
        name: 'join',
        state: 'ended',
        partnerSeq: asked,
        requestSeq: asked,
        responseSeq: answer,
        endSeq: answer,
        latencyMs: 6200,
        timedOut: true,
        late: true,
      },
    ]);
    expect(latencyReport(state.latency, 'all').total).toMatchObject({ requests: 1, answered: 0, late: 1, unanswered: 0, max: 6200 });
  });

  it('a wall-clock tick ahead of the capture times is corrected by an answer captured in time', () => {
    const { state, socket } = setUp();
    const asked = socket.say(0, request('json:req-1', 'join'));
    advance(state, T0 + 5300); // the panel's clock; the answer below was captured at 4.9 s but arrived after the tick
    expect(pairOf(state, 'doc', asked)[0].state).toBe('unanswered');
    socket.say(4900, response('json:req-1'));
    expect(pairOf(state, 'doc', asked)[0]).toMatchObject({ state: 'ended', latencyMs: 4900 });
    expect(pairOf(state, 'doc', asked)[0].timedOut).toBeUndefined();
    expect(latencyReport(state.latency, 'all').total).toMatchObject({ answered: 1, unanswered: 0, late: 0 });
  });

  it('an older now changes nothing', () => {
    const { state, socket } = setUp();
    const asked = socket.say(0, request('json:req-1', 'join'));
    advance(state, T0 + 9000);
    advance(state, T0 + 1000);
    expect(state.now).toBe(T0 + 9000);
    expect(pairOf(state, 'doc', asked)[0].state).toBe('unanswered');
  });

  it('only requests still without an answer time out', () => {
    const { state, socket } = setUp();
    const answered = socket.say(0, request('graphql:send:1', 'OnMessage'));
    socket.say(100, { key: 'graphql:send:1', role: 'next' });
    advance(state, T0 + 60_000);
    expect(pairOf(state, 'doc', answered)[0]).toMatchObject({ state: 'answered', latencyMs: 100 });
    expect(pairOf(state, 'doc', answered)[0].timedOut).toBeUndefined();
  });
});
