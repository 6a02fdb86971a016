/** Long text bodies kept in the page hook: the bounded store, its counted trims, and the step that keeps them. */
import { describe, expect, it } from 'vitest';
import { createBodyStore } from '../../../src/page/bodies';
import { asciiPrefix, keepLongTexts, type LongTextNatives, utf8Bytes } from '../../../src/page/long-text';
import { utf8Length } from '../../../src/shared/codec';
import { LIMITS } from '../../../src/shared/limits';
import type { PageEventTuple } from '../../../src/shared/page-link';
import { encode } from '../../../src/shared/page-tuples';
import { decoded, tupleOf } from '../shared/page-event-tuples';

const n = { apply: Reflect.apply, arraySlice: Array.prototype.slice };
const textNatives: LongTextNatives = {
  apply: Reflect.apply,
  bind: Function.prototype.bind,
  charCodeAt: String.prototype.charCodeAt,
  stringSlice: String.prototype.slice,
  regExpExec: RegExp.prototype.exec,
  RegExp,
};
/** Costs 2 bytes per character, as the relay counts strings. */
const text = (chars: number, fill = 'x') => fill.repeat(chars);

describe('the hook’s body store', () => {
  it('numbers bodies from 1 and gives each back until it is let go', () => {
    const store = createBodyStore(n, 1000);
    expect([store.keep(text(10, 'a')), store.keep(text(10, 'b'))]).toEqual([1, 2]);
    expect(store.get(1)).toBe(text(10, 'a'));
    expect(store.get(2)).toBe(text(10, 'b'));
    expect(store.get(0)).toBeUndefined();
    expect(store.get(3)).toBeUndefined();
    expect(store.takeTrims()).toBeUndefined();
  });

  it('past its budget lets go of the oldest first, and reports every trim once with its bytes', () => {
    const store = createBodyStore(n, 100); // 50 characters
    store.keep(text(20)); // 40 bytes
    store.keep(text(20)); // 80
    store.keep(text(15)); // 110: the first goes
    expect(store.takeTrims()).toEqual([{ id: 1, bytes: 40 }]);
    expect(store.takeTrims()).toBeUndefined();
    store.keep(text(40)); // 40 + 30 + 80: the second and third go
    expect(store.takeTrims()).toEqual([
      { id: 2, bytes: 40 },
      { id: 3, bytes: 30 },
    ]);
    expect([1, 2, 3].map((id) => store.get(id))).toEqual([undefined, undefined, undefined]);
    expect(store.get(4)).toBe(text(40));
  });

  it('never lets go of the newest body, even one larger than the budget', () => {
    const store = createBodyStore(n, 10);
    store.keep(text(2));
    const id = store.keep(text(100));
    expect(store.get(id)).toBe(text(100));
    expect(store.takeTrims()).toEqual([{ id: 1, bytes: 4 }]);
  });

  it('lets go uncounted of the bodies of events dropped before the relay connected, and of their pending trims', () => {
    const store = createBodyStore(n, 100);
    for (let i = 0; i < 4; i++) store.keep(text(20)); // the first two are trimmed
    store.releaseUpTo(3);
    expect(store.takeTrims()).toBeUndefined(); // trims 1 and 2 concerned dropped events: not reported
    expect(store.get(3)).toBeUndefined();
    expect(store.get(4)).toBe(text(20));
    store.keep(text(40)); // 40 + 80 bytes: body 4 is trimmed, and counted
    expect(store.takeTrims()).toEqual([{ id: 4, bytes: 40 }]);
  });

  it('keeps numbers valid across compaction of the let-go slots', () => {
    const store = createBodyStore(n, 2 * 10 * 100); // 100 bodies of 10 characters
    for (let i = 1; i <= 5000; i++) expect(store.keep(`${i}`.padStart(10, '0'))).toBe(i);
    expect(store.takeTrims()).toHaveLength(4900);
    expect(store.get(4900)).toBeUndefined();
    expect(store.get(4901)).toBe('0000004901');
    expect(store.get(5000)).toBe('0000005000');
  });
});

describe('keeping long texts in the hook', () => {
  const setup = () => {
    const store = createBodyStore(n);
    return { store, keep: keepLongTexts(textNatives, store) };
  };
  const msg = (data: string | ArrayBuffer, size?: number): PageEventTuple =>
    tupleOf({ k: 'msg', id: 1, t: 1, dir: 'recv', data, size, hash: size === undefined ? undefined : '0badf00d' });

  it('leaves text up to the preview, binary and other events as they are', () => {
    const { store, keep } = setup();
    const events: PageEventTuple[] = [
      msg(text(LIMITS.previewChars)),
      msg(new ArrayBuffer(5000)),
      encode.close(1, 1, 1000, text(5000), true),
    ];
    const before = structuredClone(events);
    for (const event of events) keep(event);
    expect(events).toEqual(before);
    expect(store.get(1)).toBeUndefined();
  });

  it('sends the preview, the exact size and the body’s number in their slots, and keeps the whole text', () => {
    const { store, keep } = setup();
    const whole = `${'é'.repeat(600)}${'a'.repeat(600)}😀`;
    const event = msg(whole);
    keep(event);
    expect(decoded(event)).toMatchObject({ data: whole.slice(0, LIMITS.previewChars), size: utf8Length(whole), kept: 1 });
    expect(store.get(1)).toBe(whole);
    const failed = encode['send-fail'](1, 2, text(2000), 'closed', undefined, undefined);
    const held = encode.held(1, 3, text(2000), 'send', 1, 1, undefined, undefined);
    keep(failed);
    keep(held);
    expect(decoded(failed)).toEqual({ k: 'send-fail', id: 1, t: 2, data: text(LIMITS.previewChars), error: 'closed', size: 2000, kept: 2 });
    expect(decoded(held)).toEqual({
      k: 'held',
      id: 1,
      t: 3,
      data: text(LIMITS.previewChars),
      dir: 'send',
      hold: 1,
      rule: 1,
      size: 2000,
      kept: 3,
    });
  });

  it('keeps the size of a payload cut at the page’s cap (the whole one, not the part kept)', () => {
    const { keep } = setup();
    const event = msg(text(LIMITS.pagePayloadCap), 5_000_000);
    keep(event);
    expect(decoded(event)).toMatchObject({ size: 5_000_000, hash: '0badf00d', kept: 1 });
  });

  it('writes elements the event’s literal made its own, so a setter the page put on Array.prototype never runs', () => {
    const { keep } = setup();
    let called = 0;
    const event = encode['send-fail'](1, 1, text(2000), 'closed', undefined, undefined);
    // Index 6 is a send-fail's `kept`, 5 its `size`, 3 its payload.
    const slots = ['3', '5', '6'];
    for (const slot of slots) {
      Object.defineProperty(Array.prototype, slot, {
        configurable: true,
        get: () => {
          called++;
          return 99;
        },
        set: () => {
          called++;
        },
      });
    }
    try {
      keep(event);
    } finally {
      for (const slot of slots) delete (Array.prototype as unknown as Record<string, unknown>)[slot];
    }
    expect(called).toBe(0);
    expect(Object.getOwnPropertyDescriptor(event, '6')?.value).toBe(1);
    expect(Object.getOwnPropertyDescriptor(event, '5')?.value).toBe(2000);
  });

  it('measures UTF-8 exactly as the relay did: ASCII, 2-, 3- and 4-byte characters, lone surrogates', () => {
    const ascii = asciiPrefix(textNatives);
    for (const sample of ['', 'plain', `abc${'é'}`, '€uro', '😀', 'a\ud800b', '\udc00', `x\ud83d`, `${text(3000)}\u07ff\u0800`]) {
      expect(utf8Bytes(textNatives, ascii, sample)).toBe(utf8Length(sample));
    }
  });
});
