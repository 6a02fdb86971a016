/** A capture with long payloads held by a fake relay, for the whole-payload search's tests. */
import { compileQuery, matchBatch, type SearchQuery } from '../../../src/panel/search/match-texts';
import type { MatchBatch } from '../../../src/panel/search/worker-matcher';
import type { PayloadBody } from '../../../src/shared/protocol';
import { captureOf, create, open, sent, T0 } from '../panel/fixtures';

/** A 100 KB JSON text with `token` at character 50,000: far past any preview. */
export function bigJson(token: string): string {
  const head = '{"filler":"';
  const padding = 'x'.repeat(50_000 - head.length);
  const tail = `${token}${'y'.repeat(50_000 - token.length)}"}`;
  return head + padding + tail;
}

/** A long text message as the relay summarises it: a preview, the rest held by the relay. */
export function long(conn: number, text: string, hash?: string) {
  return { ...sent(conn, T0, text), preview: text.slice(0, 1024), complete: false, ...(hash ? { hash } : {}) };
}

export const capture = captureOf([
  create(1, T0, 'wss://chat.test/'),
  open(1, T0),
  sent(1, T0, 'short hello'),
  long(1, bigJson('NEEDLE')),
  long(1, bigJson('other')),
  sent(1, T0, 'a NEEDLE in a preview'),
]);

/** Whole bodies by seq, as the page's relay holds them (seq 4 and 5 are the long ones). */
export const bodies = new Map<number, string>([
  [4, bigJson('NEEDLE')],
  [5, bigJson('other')],
]);

export function fakeRelay(held = bodies) {
  const asked: number[] = [];
  const fetchPayload = async (_frame: string, seq: number): Promise<PayloadBody> => {
    asked.push(seq);
    const text = held.get(seq);
    return text === undefined ? { missing: 'trimmed' } : { text };
  };
  return { fetchPayload, asked };
}

/** The worker's matching, run in-process. */
export function inProcess(query: SearchQuery): MatchBatch {
  const compiled = compileQuery(query);
  if (!compiled.ok) throw new Error(compiled.error);
  return async (batch) => matchBatch(compiled.test, batch);
}

export const matchedSeqs = (matched: Map<string, Set<number>>): number[] =>
  [...matched.values()].flatMap((s) => [...s]).sort((a, b) => a - b);
