/** Long text bodies kept in the page hook: the bounded store, its counted trims, and the step that keeps them. */
import { describe, expect, it } from 'vitest';
import { createBodyStore } from '../../../src/page/bodies';
import { asciiPrefix, keepLongTexts, type LongTextNatives, utf8Bytes } from '../../../src/page/long-text';
import { utf8Length } from '../../../src/shared/codec';
import { LIMITS } from '../../../src/shared/limits';
import type { PageEvent } from '../../../src/shared/page-link';

const n = { apply: Reflect.apply, arraySlice: Array.prototype.slice };
const textNatives: LongTextNatives = {
  apply: Reflect.apply,
  bind: Function.prototype.bind,
  charCodeAt: String.prototype.charCodeAt,
  stringSlice: String.prototype.slice,
  regExpExec: RegExp.prototype.exec,
  RegExp,
  defineProperty: Reflect.defineProperty,
  hasOwn: Object.prototype.hasOwnProperty,
} as LongTextNatives;
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
  const msg = (data: string | ArrayBuffer, size?: number): PageEvent => ({
    k: 'msg',
    id: 1,
    t: 1,
    dir: 'recv',
    data,
    size,
    hash: size === undefined ? undefined : '0badf00d',
  });

  it('leaves text up to the preview, binary and other events as they are', () => {
    const { store, keep } = setup();
    const events: PageEvent[] = [
      msg(text(LIMITS.previewChars)),
      msg(new ArrayBuffer(5000)),
      { k: 'close', id: 1, t: 1, code: 1000, reason: text(5000), wasClean: true },
    ];
    const before = structuredClone(events);
    for (const event of events) keep(event);
    expect(events).toEqual(before);
    expect(store.get(1)).toBeUndefined();
  });

  it('sends the preview, the exact size and the body’s number, and keeps the whole text', () => {
    const { store, keep } = setup();
    const whole = `${'é'.repeat(600)}${'a'.repeat(600)}😀`;
    const event = msg(whole);
    keep(event);
    expect(event).toMatchObject({ data: whole.slice(0, LIMITS.previewChars), size: utf8Length(whole), kept: 1 });
    expect(store.get(1)).toBe(whole);
    const failed: PageEvent = { k: 'send-fail', id: 1, t: 2, data: text(2000), error: 'closed' };
    const held: PageEvent = { k: 'held', id: 1, t: 3, dir: 'send', data: text(2000), hold: 1, rule: 1 };
    keep(failed);
    keep(held);
    expect(failed).toMatchObject({ data: text(LIMITS.previewChars), size: 2000, kept: 2 });
    expect(held).toMatchObject({ data: text(LIMITS.previewChars), size: 2000, kept: 3 });
  });

  it('keeps the size of a payload cut at the page’s cap (the whole one, not the part kept)', () => {
    const { keep } = setup();
    const event = msg(text(LIMITS.pagePayloadCap), 5_000_000);
    keep(event);
    expect(event).toMatchObject({ size: 5_000_000, hash: '0badf00d', kept: 1 });
  });

  it('defines its fields, so a setter the page put on Object.prototype never runs', () => {
    const { keep } = setup();
    let called = 0;
    Object.defineProperty(Object.prototype, 'kept', {
      configurable: true,
      get: () => {
        called++;
        return 99;
      },
      set: () => {
        called++;
      },
    });
    try {
      const event: PageEvent = { k: 'send-fail', id: 1, t: 1, data: text(2000), error: 'closed' };
      keep(event);
      expect(Object.getOwnPropertyDescriptor(event, 'kept')?.value).toBe(1);
      expect(called).toBe(0);
    } finally {
      delete (Object.prototype as { kept?: unknown }).kept;
    }
  });

  it('measures UTF-8 exactly as the relay did: ASCII, 2-, 3- and 4-byte characters, lone surrogates', () => {
    const ascii = asciiPrefix(textNatives);
    for (const sample of ['', 'plain', `abc${'é'}`, '€uro', '😀', 'a\ud800b', '\udc00', `x\ud83d`, `${text(3000)}\u07ff\u0800`]) {
      expect(utf8Bytes(textNatives, ascii, sample)).toBe(utf8Length(sample));
    }
  });
});
