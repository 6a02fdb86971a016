import { beforeEach, describe, expect, it } from 'vitest';
import { buildJsonLog } from '../../../src/panel/export/json-log';
import { pairOf } from '../../../src/panel/pairing/lookup';
import { setDecodeStorage } from '../../../src/panel/state/decoding';
import type { Row } from '../../../src/panel/state/model';
import { pairingFor, pairingForExport, pairingTimeout, partnerOf, resetPairingTracker } from '../../../src/panel/state/pairing';
import { captureOf, create, open, received, sent, T0 } from './fixtures';

/** The seed's exchange: a join answered after 40 ms, and a request the server never answers. */
const seed = () =>
  captureOf([
    create(1, T0, 'ws://seed.test/ws'),
    open(1, T0),
    sent(1, T0 + 10, '{"type":"join","room":"general","requestId":"req-1"}'),
    received(1, T0 + 50, '{"type":"response","requestId":"req-1","data":{"ok":true}}'),
    sent(1, T0 + 100, '{"type":"no-reply","requestId":"req-2"}'),
  ]);

const message = (rows: readonly Row[], text: string) => rows.find((row) => row.k === 'msg' && row.preview?.includes(text))!;

describe('pairing in the panel', () => {
  beforeEach(() => {
    setDecodeStorage(null);
    resetPairingTracker();
    pairingTimeout.value = 5000;
  });

  it('pairs the seed requestId pattern with no setup, with the latency on both rows', () => {
    const capture = seed();
    const { state } = pairingFor(capture, T0 + 200);
    const join = message(capture.rows, 'join');
    const response = message(capture.rows, '"response"');
    expect(pairOf(state, join.frame, join.seq)[0]).toMatchObject({ role: 'request', name: 'join', state: 'ended', latencyMs: 40 });
    expect(pairOf(state, response.frame, response.seq)[0]).toMatchObject({ role: 'response', latencyMs: 40 });
    expect(partnerOf(capture, join)).toBe(response);
    expect(partnerOf(capture, response)).toBe(join);
  });

  it('marks a request unanswered once the timeout has passed by the clock, and follows a new timeout', () => {
    const capture = seed();
    const noReply = message(capture.rows, 'no-reply');
    expect(pairOf(pairingFor(capture, T0 + 5000).state, noReply.frame, noReply.seq)[0].state).toBe('open');
    expect(pairOf(pairingFor(capture, T0 + 5101).state, noReply.frame, noReply.seq)[0].state).toBe('unanswered');
    pairingTimeout.value = 60_000;
    expect(pairOf(pairingFor(capture, T0 + 5101).state, noReply.frame, noReply.seq)[0].state).toBe('open');
  });

  it('puts the pairs in the JSON log', () => {
    const capture = seed();
    const pairing = pairingForExport(capture, 'all', T0 + 10_000);
    expect(pairing.pairs.map((pair) => [pair.name, pair.state, pair.latencyMs])).toEqual([
      ['join', 'ended', 40],
      ['no-reply', 'unanswered', null],
    ]);
    const log = buildJsonLog({
      exportedAt: T0,
      creator: { name: 'SocketScope', version: 'test' },
      scope: { events: 'all', connection: 'all' },
      redaction: { enabled: false, masked: 0 },
      frames: [],
      connections: [],
      items: [],
      pairing,
    });
    expect(log.pairing?.pairs).toHaveLength(2);
  });
});
