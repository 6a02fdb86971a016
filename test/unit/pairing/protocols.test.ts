import { describe, expect, it } from 'vitest';
import { json } from '../../../src/panel/decode/protocols/json';
import type { Frame, PairHint } from '../../../src/panel/decode/types';
import { pairOf } from '../../../src/panel/pairing/lookup';
import { createPairing } from '../../../src/panel/pairing/state';
import { end, next, request, response, socketsOf } from './fixtures';

const setUp = () => {
  const state = createPairing({ timeoutMs: 5000 });
  return { state, socket: socketsOf(state)(1) };
};

/** The hints the real plain-JSON decoder gives for a message (default id paths: the seed's `requestId`). */
function jsonHints(dir: Frame['dir'], message: object): PairHint[] {
  const result = json.decode({ dir, text: JSON.stringify(message), complete: true }, {});
  if (!result.ok) throw new Error(result.error);
  return result.messages.flatMap((m) => (m.pair ? [m.pair] : []));
}

describe('the seed requestId pattern, through the plain-JSON decoder', () => {
  it('pairs a sent join with the received response and times it', () => {
    const { state, socket } = setUp();
    const sent = socket.say(100, ...jsonHints('send', { type: 'join', roomId: 'general', requestId: 'req-1' }));
    socket.say(130, ...jsonHints('recv', { type: 'chat', roomId: 'general', text: 'unrelated' }));
    const answer = socket.say(142, ...jsonHints('recv', { type: 'response', requestId: 'req-1', data: {} }));

    expect(pairOf(state, 'doc', sent)).toEqual([
      {
        role: 'request',
        key: 'json:req-1',
        name: 'join',
        state: 'ended',
        partnerSeq: answer,
        requestSeq: sent,
        responseSeq: answer,
        endSeq: answer,
        latencyMs: 42,
      },
    ]);
    expect(pairOf(state, 'doc', answer)).toMatchObject([{ role: 'response', partnerSeq: sent, latencyMs: 42, name: 'join' }]);
    expect(pairOf(state, 'doc', 2)).toEqual([]);
  });
});

describe('JSON-RPC ids', () => {
  it('pairs each call with its result or error, batches included', () => {
    const { state, socket } = setUp();
    const single = socket.say(0, request('jsonrpc:send:1', 'subtract'));
    const batch = socket.say(
      10,
      request('jsonrpc:send:2', 'sum'),
      request('jsonrpc:send:3', 'get_user'),
      request('jsonrpc:send:4', 'get_data'),
    );
    const first = socket.say(25, response('jsonrpc:send:1'));
    // The server answers the batch in one frame, in its own order, with one error.
    const batchAnswer = socket.say(40, response('jsonrpc:send:4'), response('jsonrpc:send:2', true));
    const lastAnswer = socket.say(60, response('jsonrpc:send:3'));

    expect(pairOf(state, 'doc', single)).toMatchObject([{ role: 'request', partnerSeq: first, latencyMs: 25 }]);
    expect(pairOf(state, 'doc', batch)).toMatchObject([
      { role: 'request', name: 'sum', partnerSeq: batchAnswer, latencyMs: 30, error: true },
      { role: 'request', name: 'get_user', partnerSeq: lastAnswer, latencyMs: 50 },
      { role: 'request', name: 'get_data', partnerSeq: batchAnswer, latencyMs: 30 },
    ]);
    expect(pairOf(state, 'doc', batchAnswer).map((link) => [link.name, link.role, link.partnerSeq])).toEqual([
      ['get_data', 'response', batch],
      ['sum', 'response', batch],
    ]);
  });
});

describe('Socket.IO acks', () => {
  it('pairs an emit with its ack both ways: client-started and server-started ids do not mix', () => {
    const { state, socket } = setUp();
    const emit = socket.say(0, request('socketio:send:/:12', 'chat'));
    const serverEmit = socket.say(5, request('socketio:recv:/:12', 'ping?'));
    const clientAck = socket.say(7, response('socketio:recv:/:12'));
    const serverAck = socket.say(31, response('socketio:send:/:12'));

    expect(pairOf(state, 'doc', emit)).toMatchObject([{ name: 'chat', partnerSeq: serverAck, latencyMs: 31, state: 'ended' }]);
    expect(pairOf(state, 'doc', serverEmit)).toMatchObject([{ name: 'ping?', partnerSeq: clientAck, latencyMs: 2 }]);
    expect(state.counters.orphans).toBe(0);
  });
});

describe('GraphQL subscribe → next → next → complete', () => {
  it('is one exchange: latency on the first next, answered until complete ends it', () => {
    const { state, socket } = setUp();
    const subscribe = socket.say(0, request('graphql:send:op-1', 'OnMessage'));
    const first = socket.say(80, next('graphql:send:op-1'));
    expect(pairOf(state, 'doc', subscribe)[0].state).toBe('answered');
    const second = socket.say(900, next('graphql:send:op-1'));
    const complete = socket.say(1000, end('graphql:send:op-1'));

    const roles = [subscribe, first, second, complete].map((seq) =>
      pairOf(state, 'doc', seq).map((l) => [l.role, l.partnerSeq, l.latencyMs]),
    );
    expect(roles).toEqual([[['request', first, 80]], [['response', subscribe, 80]], [['next', subscribe, 80]], [['end', subscribe, 80]]]);
    expect(pairOf(state, 'doc', complete)[0]).toMatchObject({ state: 'ended', endSeq: complete });
  });
});

describe('MQTT QoS 2', () => {
  it('chains PUBLISH → PUBREC → PUBREL → PUBCOMP as one exchange timed at PUBREC', () => {
    const { state, socket } = setUp();
    const publish = socket.say(0, request('mqtt:send:7', 'sensors/t1'));
    const pubrec = socket.say(12, next('mqtt:send:7'));
    const pubrel = socket.say(13, next('mqtt:send:7'));
    const pubcomp = socket.say(20, response('mqtt:send:7'));

    expect(pairOf(state, 'doc', publish)).toMatchObject([
      { role: 'request', partnerSeq: pubrec, latencyMs: 12, endSeq: pubcomp, state: 'ended' },
    ]);
    expect(pairOf(state, 'doc', pubrel)).toMatchObject([{ role: 'next', partnerSeq: publish }]);
    expect(pairOf(state, 'doc', pubcomp)).toMatchObject([{ role: 'end', partnerSeq: publish }]);
    // Packet id 7 is free again: the next PUBLISH with it is a new exchange, not a duplicate.
    socket.say(30, request('mqtt:send:7', 'sensors/t1'));
    expect(state.counters.superseded).toBe(0);
  });
});
