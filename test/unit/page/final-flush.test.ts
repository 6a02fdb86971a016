/** The final hand-over, written by the hook's serializer and read by the relay: nothing a leaving document holds is lost. */
import { describe, expect, it } from 'vitest';
import { readHandover, reviveEvent } from '../../../src/content/final-handover';
import { serializeFinal } from '../../../src/page/final-flush';
import type { Arena } from '../../../src/page/pack';
import type { PageEvent } from '../../../src/shared/page-link';
import { encode } from '../../../src/shared/page-tuples';
import { tupleOf } from '../shared/page-event-tuples';
import { pageNatives } from './natives-fixture';

const TOKEN = '00112233445566778899aabbccddeeff';
const text = (t: number, data: string): PageEvent => ({ k: 'msg', id: 1, t, dir: 'send', data, size: undefined, hash: undefined });

/** Writes with the hook's serializer, reads with the relay's reader: the batches in flight, then the queue. */
function handOver(posted: { b: number; events: PageEvent[]; arena?: Arena }[], queue: PageEvent[], queueArena: Arena | null = null) {
  const inFlight = posted.map((batch) => ({ b: batch.b, events: batch.events.map(tupleOf), arena: batch.arena ?? null }));
  const read = readHandover(serializeFinal(pageNatives, TOKEN, inFlight, queue.map(tupleOf), queueArena), TOKEN);
  return {
    posted: read.posted.map((batch) => ({ b: batch.b, events: batch.events.map(reviveEvent) })),
    queue: read.queue.map(reviveEvent),
  };
}

describe('the final hand-over', () => {
  it('carries every batch in flight with its number, and the queue, in order', () => {
    const out = handOver(
      [
        { b: 4, events: [text(1, 'a')] },
        { b: 5, events: [text(2, 'b'), { k: 'close', id: 1, t: 3, code: 1000, reason: 'done', wasClean: true }] },
      ],
      [{ k: 'fault', t: 4, message: 'x' }],
    );
    expect(out.posted.map((batch) => batch.b)).toEqual([4, 5]);
    expect(out.posted[1].events).toEqual([
      { k: 'msg', id: 1, t: 2, dir: 'send', data: 'b' },
      { k: 'close', id: 1, t: 3, code: 1000, reason: 'done', wasClean: true },
    ]);
    expect(out.queue).toEqual([{ k: 'fault', t: 4, message: 'x' }]);
  });

  it('keeps every text exactly: quotes, backslashes, controls, lone surrogates, astral characters', () => {
    const hostile = `"\\\n\t\u0000\u001f\u2028</script>\ud800 x \udc00 😀 ${'é'.repeat(3)}`;
    const out = handOver(
      [],
      [text(1, hostile), { k: 'create', id: 2, t: 2, url: 'wss://a/"', protocols: ['p"q'], frameUrl: '', stack: '' }],
    );
    expect(out.queue[0]).toMatchObject({ data: hostile });
    expect(out.queue[1]).toMatchObject({ url: 'wss://a/"', protocols: ['p"q'] });
  });

  it('writes binary payloads in the forms the relay revives: bytes, a Blob’s size, a transferred buffer as gone', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const transferred = new ArrayBuffer(8);
    structuredClone(transferred, { transfer: [transferred] }); // detached, as after the port took it
    const out = handOver(
      [{ b: 1, events: [{ k: 'msg', id: 1, t: 1, dir: 'recv', data: transferred }] }],
      [
        { k: 'msg', id: 1, t: 2, dir: 'send', data: bytes.buffer },
        { k: 'msg', id: 1, t: 3, dir: 'recv', data: new Blob(['twelve bytes']) },
        { k: 'send-fail', id: 1, t: 4, data: new Uint8Array([9]).buffer, error: 'InvalidStateError' },
      ],
    );
    const [gone] = out.posted[0].events;
    const [sent, blob, failed] = out.queue;
    expect(gone).toMatchObject({ k: 'msg', data: new ArrayBuffer(0) });
    expect(new Uint8Array((sent as { data: ArrayBuffer }).data)).toEqual(bytes);
    expect(blob).toMatchObject({ data: new ArrayBuffer(0), size: 12 });
    expect(new Uint8Array((failed as { data: ArrayBuffer }).data)).toEqual(new Uint8Array([9]));
  });

  it('writes each event as its array, an absent value as null, which the relay reads as absent', () => {
    const written = serializeFinal(pageNatives, TOKEN, [], [encode.error(1, 1, undefined)]);
    expect(written).toBe(`{"token":"${TOKEN}","posted":[],"queue":[[6,1,1,null]]}`);
    expect(readHandover(written, TOKEN).queue.map(reviveEvent)).toEqual([{ k: 'error', id: 1, t: 1 }]);
  });

  it('carries what a message rule did (nested objects, their own fields only) and where a resent frame came from', () => {
    const fx = Object.assign(Object.create({ inherited: 'no' }), { rule: 3, kind: 'delayed', ms: 250, original: undefined });
    const event = encode.msg(1, 2, 'hi', 'send', undefined, undefined, true, fx, { frame: 'k1', seq: 7 }, undefined);
    const read = readHandover(serializeFinal(pageNatives, TOKEN, [], [event]), TOKEN);
    expect(read.queue.map(reviveEvent)).toEqual([
      {
        k: 'msg',
        id: 1,
        t: 2,
        data: 'hi',
        dir: 'send',
        injected: true,
        fx: { rule: 3, kind: 'delayed', ms: 250 },
        from: { frame: 'k1', seq: 7 },
      },
    ]);
  });
});
