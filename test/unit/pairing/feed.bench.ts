/**
 * How long feeding 1,000,000 captured messages takes (run once by hand, never part of `npm test`):
 *   npx vitest bench --project unit --run test/unit/pairing/feed.bench.ts
 * Traffic, one message every 50 µs over 4 connections: a third are requests named after 8 methods, a
 * third their answers (1–40 ms after them, in order, so queued ones wait longer), 1% of requests are
 * never answered, and the rest are messages with no pairing hint, 1 in 500 of them a stray answer.
 */
import { bench, describe } from 'vitest';
import type { PairHint } from '../../../src/panel/decode/types';
import { feed } from '../../../src/panel/pairing/feed';
import { latencyReport } from '../../../src/panel/pairing/latency';
import { createPairing } from '../../../src/panel/pairing/state';
import type { PairEntry } from '../../../src/panel/pairing/types';

const MESSAGES = 1_000_000;
const METHODS = ['join', 'leave', 'chat', 'typing', 'history', 'rename', 'roomList', 'noReply'];

function traffic(): PairEntry[] {
  const entries: PairEntry[] = [];
  const waiting: { conn: string; key: string; due: number }[] = [];
  let head = 0;
  let t = Date.UTC(2024, 0, 1);
  let requests = 0;
  for (let i = 0; entries.length < MESSAGES; i++) {
    t += 0.05;
    const seq = entries.length + 1;
    const due = waiting[head];
    if (due && due.due <= t) {
      head++;
      entries.push({ frame: 'doc', seq, conn: due.conn, t, hints: [{ key: due.key, role: 'response' }] });
    } else if (i % 2 === 0) {
      requests++;
      const conn = `doc:${requests % 4}`;
      const key = `json:req-${requests}`;
      entries.push({ frame: 'doc', seq, conn, t, hints: [{ key, role: 'request', name: METHODS[requests % METHODS.length] }] });
      if (requests % 100 !== 0) waiting.push({ conn, key, due: t + 1 + ((requests * 7919) % 40) });
    } else {
      const hints: PairHint[] = i % 499 === 0 ? [{ key: `json:stray-${i}`, role: 'response' }] : [];
      entries.push({ frame: 'doc', seq, conn: `doc:${i % 4}`, t, hints });
    }
  }
  return entries;
}
const entries = traffic();

describe('pairing', () => {
  bench(
    `feed ${MESSAGES.toLocaleString('en')} messages`,
    () => {
      const state = createPairing({ timeoutMs: 5000 });
      for (const entry of entries) feed(state, entry);
      latencyReport(state.latency, 'all');
    },
    { iterations: 5, warmupIterations: 1 },
  );
});
