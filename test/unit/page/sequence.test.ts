/** A list handed to the browser as a sequence is walked without the page's Array iterator or Object.prototype. */
import { afterEach, describe, expect, it } from 'vitest';
import { sequenceOf } from '../../../src/page/sequence';
import { testNatives } from './fixtures';

const arrayIterator = Object.getOwnPropertyDescriptor(Array.prototype, Symbol.iterator)!;
const arrayIteratorProto = Object.getPrototypeOf([][Symbol.iterator]()) as object;
const arrayNext = Object.getOwnPropertyDescriptor(arrayIteratorProto, 'next')!;
const trapped: string[] = [];

/** What a page may do after load: every piece of the iterator protocol it can reach now reports its use. */
function replaceIterationBuiltins() {
  const original = Array.prototype[Symbol.iterator];
  const next = arrayNext.value as () => unknown;
  Object.defineProperty(Array.prototype, Symbol.iterator, {
    ...arrayIterator,
    value(this: unknown[]) {
      trapped.push('Array.prototype[Symbol.iterator]');
      return Reflect.apply(original, this, []);
    },
  });
  Object.defineProperty(arrayIteratorProto, 'next', {
    ...arrayNext,
    value(this: unknown) {
      trapped.push('next');
      return Reflect.apply(next, this, []);
    },
  });
  const keys = ['value', 'done'];
  // indexed: a for-of here would trip the trap just set
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    Object.defineProperty(Object.prototype, key, {
      __proto__: null, // the descriptor of the second key would otherwise inherit the first getter
      configurable: true,
      get() {
        trapped.push(`Object.prototype.${key}`);
        return undefined;
      },
    } as PropertyDescriptor);
  }
}

/** Puts the built-ins back: vitest's own expect would trip the getters. */
function restoreIterationBuiltins() {
  Object.defineProperty(Array.prototype, Symbol.iterator, arrayIterator);
  Object.defineProperty(arrayIteratorProto, 'next', arrayNext);
  delete (Object.prototype as Record<string, unknown>).value;
  delete (Object.prototype as Record<string, unknown>).done;
}

afterEach(() => {
  restoreIterationBuiltins();
  trapped.length = 0;
});

describe('sequenceOf', () => {
  it('yields the items in order, then is done', () => {
    const iterator = sequenceOf(testNatives(), ['a', 'b'])[Symbol.iterator]();
    expect([iterator.next(), iterator.next(), iterator.next()].map((r) => [r.value, r.done])).toEqual([
      ['a', false],
      ['b', false],
      [undefined, true],
    ]);
  });

  // The walk below is the iterator protocol that WebIDL runs on a sequence (GetMethod @@iterator, next, done, value);
  // the browsers' own walk is checked end to end by capture-bad-input (a page that replaces built-ins).
  it('is walked without the page seeing it, where a plain array would be seen', () => {
    const items = [new ArrayBuffer(8), 'xy'];
    const sequence = sequenceOf(testNatives(), items);
    replaceIterationBuiltins();
    const walked: unknown[] = [];
    for (const item of sequence) walked[walked.length] = item;
    const unseen = trapped.length;
    for (const item of items) walked[walked.length] = item;
    restoreIterationBuiltins();
    expect(unseen).toBe(0);
    expect(walked).toEqual([...items, ...items]);
    expect(trapped).toEqual(['Array.prototype[Symbol.iterator]', 'next', 'next', 'next']);
  });
});
