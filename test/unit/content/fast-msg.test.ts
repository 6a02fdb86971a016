/**
 * The relay's short way for small messages (src/content/fast-msg.ts, kept in the log's columns) against the general
 * way it stands in for (the page event check, unpack and toWire): for every event the short way takes, the panel
 * gets the same summary from the log, and there is no body; it takes the common events; and anything odd is left
 * to the general way, which accepts or rejects it as before.
 */
import { describe, expect, it } from 'vitest';
import { fastMessage } from '../../../src/content/fast-msg';
import { RelayLog } from '../../../src/content/log';
import { readPageEvent } from '../../../src/content/page-link';
import { toWire } from '../../../src/content/to-wire';
import { LIMITS } from '../../../src/shared/limits';

const pack = new Uint8Array(4096).map((_, i) => (i * 7) & 255).buffer;

/** [code, id, t, data, dir, size, hash, injected, fx, from, kept] */
const msg = (
  data: unknown,
  dir: unknown = 'recv',
  rest: unknown[] = [undefined, undefined, undefined, undefined, undefined, undefined],
) => [2, 7, 1_700_000_000_123.25, data, dir, ...rest];

const taken = {
  'short ASCII text': msg('hello'),
  'empty text': msg('', 'send'),
  'non-ASCII text': msg('héllo ✓ 😀'),
  'text of exactly previewChars': msg('x'.repeat(LIMITS.previewChars)),
  'packed bytes': msg({ p: 3, n: 64 }),
  'no packed bytes': msg({ p: 0, n: 0 }, 'send'),
  'packed bytes of exactly previewBytes': msg({ p: 100, n: LIMITS.previewBytes }),
  'packed bytes ending at the pack’s end': msg({ p: 4096 - 10, n: 10 }),
};

/** What a page (or a bug) could put in any slot. */
const odd: unknown[] = [
  undefined,
  null,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -1,
  0,
  1.5,
  2 ** 60,
  '',
  'send',
  'recv',
  'x'.repeat(LIMITS.previewChars + 1),
  {},
  [],
  { p: 0, n: 1 },
  { p: -1, n: 1 },
  { p: 4095, n: 2 },
  { p: 0, n: LIMITS.previewBytes + 1 },
  { p: 0.5, n: 1 },
  true,
  new ArrayBuffer(3),
  new Blob(['abc']),
];

/** Every slot of every taken event replaced by every odd value, plus odd lengths and codes. */
function variants(): unknown[][] {
  const out: unknown[][] = [];
  for (const base of Object.values(taken)) {
    for (let slot = 0; slot < base.length; slot++) {
      for (const value of odd) {
        const copy = [...base];
        copy[slot] = value;
        out.push(copy);
      }
    }
    out.push(base.slice(0, 10), [...base, undefined], [3, ...base.slice(1)], [5, ...base.slice(1)]);
  }
  return out;
}

/** The general way: the summary and body, or the error it rejects the event with. */
function general(item: unknown, from: ArrayBuffer | null) {
  try {
    const converted = toWire(readPageEvent(item, from));
    return { event: converted?.event, body: converted?.body };
  } catch (error) {
    return { error: String(error) };
  }
}

/** The short way's summary as a panel reads it from the log (without its seq), or null when it leaves the event. */
function fast(item: unknown, from: ArrayBuffer | null) {
  const log = new RelayLog();
  if (!fastMessage(item, from, (conn, t, dir, payload) => log.appendMessage(conn, t, dir, payload))) {
    expect(log.lastSeq).toBe(0);
    return null;
  }
  const [event, ...more] = log.since(0);
  expect(more).toEqual([]);
  expect(log.body(event.seq)).toBeUndefined();
  const { seq, ...summary } = event;
  expect(seq).toBe(1);
  return summary;
}

describe('fastMessage', () => {
  it.each(Object.entries(taken))('takes a message with %s, and summarises it as the general way does', (_, item) => {
    const summary = fast(item, pack);
    expect(summary).not.toBeNull();
    expect(general(item, pack)).toEqual({ event: summary, body: undefined });
  });

  it('gives the same summary as the general way for every variant it takes, and leaves the rest to it', () => {
    let tookSome = 0;
    let left = 0;
    for (const item of variants()) {
      const summary = fast(item, pack);
      if (summary === null) {
        left++;
        continue;
      }
      tookSome++;
      expect(general(item, pack), JSON.stringify(item)).toEqual({ event: summary, body: undefined });
    }
    // Both kinds occur: the comparison above is not vacuous.
    expect(tookSome).toBeGreaterThan(20);
    expect(left).toBeGreaterThan(500);
  });

  it('leaves to the general way what it would keep a body for, reject, or not find in the pack', () => {
    const cases: [unknown, ArrayBuffer | null][] = [
      [msg('x'.repeat(LIMITS.previewChars + 1)), pack], // kept as a body
      [msg('cut', 'recv', [5000, 'abcd', undefined, undefined, undefined, undefined]), pack], // a size and hash: cut in the hook
      [msg('kept', 'recv', [90_000, undefined, undefined, undefined, undefined, 4]), pack], // kept in the hook
      [msg('injected', 'send', [undefined, undefined, true, undefined, undefined, undefined]), pack],
      [msg({ p: 0, n: 8 }), null], // a place with no pack: rejected
      [msg({ p: 4090, n: 8 }), pack], // outside the pack: rejected
      [msg({ p: 0, n: LIMITS.previewBytes + 1 }), pack], // kept as a body
      [msg('hi', 'both'), pack], // rejected
      [[2, 7, 1, 'hi', 'recv'], pack], // too short: rejected
      ['not an array', pack],
    ];
    for (const [item, from] of cases) expect(fast(item, from), JSON.stringify(item)).toBeNull();
    expect(general(msg({ p: 4090, n: 8 }), pack)).toEqual({ error: 'ProtocolError: event.data: a packed payload outside its batch' });
    expect(general(msg('x'.repeat(LIMITS.previewChars + 1)), pack).body).toBe('x'.repeat(LIMITS.previewChars + 1));
  });
});
