/** The schema checker itself: what it accepts, how precisely it words a failure, and that the page's copy cannot be fooled. */
import { describe, expect, it } from 'vitest';
import { pagePrimitives } from '../../../src/page/checks';
import { compile } from '../../../src/shared/check';
import { toPage } from '../../../src/shared/page-commands';
import { arrayOf, int, isFailed, literal, num, object, optional, payload, recordOf, str, tagged, union } from '../../../src/shared/schema';
import { checker, ProtocolError } from '../../../src/shared/validate';
import { pageNatives } from '../page/natives-fixture';

const order = tagged('type', {
  buy: { qty: int, items: arrayOf(object({ sku: str(8), note: optional(str(4)) }), 3) },
  cancel: { reason: literal('late', 'wrong') },
});
const checkOrder = checker(order);

describe('checker', () => {
  it('returns a copy that holds only the schema fields, the tag first', () => {
    const input = { type: 'buy', qty: 2, items: [{ sku: 'a1', extra: '<b>' }], evil: true };
    const out = checkOrder(input, 'order');
    expect(out).toEqual({ type: 'buy', qty: 2, items: [{ sku: 'a1' }] });
    expect(out).not.toBe(input);
    expect(Object.keys(out)).toEqual(['type', 'qty', 'items']);
  });

  it.each([
    [{ type: 'buy', qty: 1, items: [{ sku: 'a' }, { sku: 7 }] }, 'order.items[1].sku: expected string, got number'],
    [{ type: 'buy', qty: 1, items: [{ sku: 'a', note: 'longer' }] }, 'order.items[0].note: string longer than 4'],
    [{ type: 'buy', qty: 1, items: [{}, {}, {}, {}] }, 'order.items: more than 3 items'],
    [{ type: 'buy', qty: 1.5, items: [] }, 'order.qty: expected integer, got number'],
    [{ type: 'buy', qty: 2 ** 53, items: [] }, 'order.qty: expected integer, got number'],
    [{ type: 'cancel', reason: 'bored' }, 'order.reason: expected "late" | "wrong", got string'],
    [{ type: 'buy', qty: 1, items: {} }, 'order.items: expected array, got object'],
    [{ type: 'refund' }, 'order.type: unknown message kind "refund"'],
    [{ type: 'constructor' }, 'order.type: unknown message kind "constructor"'],
    [{ type: 5 }, 'order.type: unknown message kind "5"'],
    ['buy', 'order: expected object, got string'],
  ])('rejects %j as "%s"', (input, message) => {
    expect(() => checkOrder(input, 'order')).toThrow(new ProtocolError(message));
  });

  it('names the top as "message" and drops the leading dot when the caller gives no root', () => {
    expect(() => checkOrder(null, '')).toThrow('message: expected object, got null');
    expect(() => checkOrder({ type: 'buy', qty: 'x', items: [] }, '')).toThrow('qty: expected integer, got string');
  });

  it('words NaN, arrays and nulls as what they are', () => {
    const check = checker(object({ n: num, o: object({}) }));
    expect(() => check({ n: Number.NaN, o: {} }, 'm')).toThrow('m.n: expected number, got NaN');
    expect(() => check({ n: 1, o: [] }, 'm')).toThrow('m.o: expected object, got array');
    expect(() => check({ n: 1, o: null }, 'm')).toThrow('m.o: expected object, got null');
  });

  it('checks records by their own keys, and unions by their first fitting alternative', () => {
    const since = checker(recordOf(int, 2));
    expect(since({ a: 1, b: 2 }, 's')).toEqual({ a: 1, b: 2 });
    expect(() => since({ a: 1, b: 2, c: 3 }, 's')).toThrow('s: more than 2 keys');
    expect(() => since({ a: 'one' }, 's')).toThrow('s.a: expected integer, got string');
    const body = checker(union(object({ text: str(9) }), object({ missing: str(9) })));
    expect(body({ text: 'hi', missing: 'no' }, 'b')).toEqual({ text: 'hi' });
    // the last alternative's failure is the one reported
    expect(() => body({ neither: 1 }, 'b')).toThrow('b.missing: expected string, got undefined');
  });

  it('tells payload types apart without trying and failing', () => {
    const data = checker(payload(4, 'ArrayBuffer'));
    expect(data('abcd', 'd')).toBe('abcd');
    const buffer = new ArrayBuffer(2);
    expect(data(buffer, 'd')).toBe(buffer);
    expect(() => data('abcde', 'd')).toThrow('d: string longer than 4');
    expect(() => data(new Blob(['x']), 'd')).toThrow('d: expected string or ArrayBuffer, got object');
    expect(() => data(new Uint8Array(2), 'd')).toThrow('d: expected string or ArrayBuffer, got object');
  });
});

describe('the page copy of the checker (saved natives, own fields only)', () => {
  /** Runs `body` while globals are replaced as a hostile page would, restoring them before anything is asserted. */
  function underHostilePage<T>(seen: string[], body: () => T): T {
    const restore: (() => void)[] = [];
    const plant = (owner: object, key: string | number, desc: PropertyDescriptor) => {
      const before = Object.getOwnPropertyDescriptor(owner, key);
      Reflect.defineProperty(owner, key, { configurable: true, ...desc });
      restore.push(() => (before ? Reflect.defineProperty(owner, key, before) : Reflect.deleteProperty(owner, key)));
    };
    try {
      /** A function that notes its call, then answers as a lying page would. */
      const spy = (name: string, answer: unknown) => () => {
        seen.push(name);
        return answer;
      };
      plant(Object.prototype, 'code', { get: spy('get code', 1000) });
      plant(Object.prototype, 'rules', { set: spy('set rules', undefined) });
      plant(Array.prototype, 0, { set: spy('set [0]', undefined) });
      plant(Array, 'isArray', { value: spy('isArray', true) });
      plant(Object, 'keys', { value: spy('keys', []) });
      return body();
    } finally {
      for (const undo of restore.reverse()) undo();
    }
  }

  it('reads no inherited field, calls no replaced global and reaches no prototype setter', () => {
    const fromRelay = compile(toPage, pagePrimitives(pageNatives));
    const seen: string[] = [];
    const [close, rules, bad, why] = underHostilePage(seen, () => {
      const close = fromRelay.check({ c: 'close', id: 3 });
      const rules = fromRelay.check({ c: 'rules', rules: [{ id: 1, pattern: 'chat' }] });
      const bad = isFailed(fromRelay.check({ c: 'rules', rules: {} }));
      return [close, rules, bad, fromRelay.why('command')];
    });
    expect(seen).toEqual([]);
    expect({ ...close }).toEqual({ c: 'close', id: 3 });
    expect(JSON.parse(JSON.stringify(rules))).toEqual({ c: 'rules', rules: [{ id: 1, pattern: 'chat' }] });
    expect(bad).toBe(true);
    expect(why).toBe('command.rules: expected array, got object');
  });

  it('outputs objects with no prototype, so a later read of a missing field stays ours', () => {
    const fromRelay = compile(toPage, pagePrimitives(pageNatives));
    const command = fromRelay.check({ c: 'drop', id: 1 });
    expect(Object.getPrototypeOf(command)).toBeNull();
  });

  it('fails, without throwing, on what the relay could never send', () => {
    const fromRelay = compile(toPage, pagePrimitives(pageNatives));
    const hostile = [
      null,
      'ack',
      { c: 'ack', b: '1' },
      { c: 'send', id: 1, data: 'x'.repeat(16 * 1024 * 1024 + 1) },
      { c: 'send', id: 1, data: new Uint8Array(1) },
      { c: 'rules', rules: [{ id: 1, pattern: 'p'.repeat(2049) }] },
      Object.create({ c: 'drop', id: 1 }),
    ];
    expect(hostile.map((m) => isFailed(fromRelay.check(m)))).toEqual(hostile.map(() => true));
  });
});
