import { describe, expect, it } from 'vitest';
import { packEvents, unpackEvents } from '../../../src/shared/event-batch';
import { LIMITS } from '../../../src/shared/limits';
import type { WireEvent } from '../../../src/shared/protocol';

const message = (seq: number, preview = 'hi'): WireEvent => ({
  seq,
  conn: 1,
  k: 'msg',
  t: seq,
  dir: 'recv',
  binary: false,
  size: preview.length,
  preview,
  complete: true,
});
const seqs = (events: WireEvent[]) => events.map((e) => e.seq);

describe('packEvents', () => {
  it('packs a batch as the JSON of its events, which unpacks to the same events', () => {
    const events = [message(1), message(2, '<img src=x onerror=alert(1)>'), message(3, '"\\u0000\u2028')];
    const parts = packEvents(events);
    expect(parts).toHaveLength(1);
    expect(parts[0].events).toEqual(events);
    expect(unpackEvents(parts[0].json, 'events')).toEqual(events);
  });

  it('answers no events with one empty part, so that a sync’s answer still carries the frame and counters', () => {
    expect(packEvents([])).toEqual([{ events: [], json: '[]' }]);
  });

  it('splits at LIMITS.batchEvents events, in order', () => {
    const events = Array.from({ length: 2 * LIMITS.batchEvents + 5 }, (_, i) => message(i + 1));
    const parts = packEvents(events);
    expect(parts.map((p) => p.events.length)).toEqual([LIMITS.batchEvents, LIMITS.batchEvents, 5]);
    expect(parts.flatMap((p) => seqs(unpackEvents(p.json, 'events')))).toEqual(seqs(events));
  });

  it('halves a part whose JSON is longer than the cap until each fits, in order; one event alone is never split', () => {
    const events = Array.from({ length: 10 }, (_, i) => message(i + 1, 'x'.repeat(100)));
    const one = JSON.stringify([events[0]]).length;
    const parts = packEvents(events, 3 * one);
    expect(parts.every((p) => p.json.length <= 3 * one)).toBe(true);
    expect(parts.flatMap((p) => seqs(p.events))).toEqual(seqs(events));
    expect(parts.flatMap((p) => seqs(unpackEvents(p.json, 'events')))).toEqual(seqs(events));
    expect(packEvents([events[0]], 1)).toEqual([{ events: [events[0]], json: JSON.stringify([events[0]]) }]);
  });
});

describe('unpackEvents', () => {
  const event = message(1);

  it('strips fields the schema does not name', () => {
    expect(unpackEvents(JSON.stringify([{ ...event, html: '<b>' }]), 'message.events')).toEqual([event]);
  });

  it.each([
    ['[{"seq": 1,', /^message\.events: not JSON \(.+\)$/],
    ['{"seq": 1}', /^message\.events: expected array, got object$/],
    [JSON.stringify([{ ...event, k: 'boom' }]), /^message\.events\[0\]\.k: expected/],
    [
      JSON.stringify([{ ...event, preview: 'x'.repeat(LIMITS.previewWireChars + 1) }]),
      /^message\.events\[0\]\.preview: string longer than/,
    ],
    [JSON.stringify(new Array(LIMITS.batchEvents + 1).fill(event)), new RegExp(`^message\\.events: more than ${LIMITS.batchEvents} items`)],
  ])('rejects %#: a ProtocolError that names the field', (json, error) => {
    expect(() => unpackEvents(json, 'message.events')).toThrow(error);
  });
});
