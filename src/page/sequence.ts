/**
 * Lists handed to the browser where it expects a WebIDL sequence (postMessage's transfer list, a Blob's
 * parts). The browser walks a sequence with the iterator protocol, and Firefox looks the iterator up on
 * the array itself: Array.prototype[Symbol.iterator] and the array iterator's `next` belong to the page,
 * which may have replaced them and would then see every flush. This iterable carries its own iterator,
 * and its results have no prototype (a page getter for `value` or `done` on Object.prototype stays silent).
 */
import type { Natives } from './natives';

export function sequenceOf<T>(n: Natives, items: readonly T[]): Iterable<T> {
  let i = 0;
  const iterator = {
    __proto__: null,
    next: () =>
      i < items.length ? { __proto__: null, value: items[i++], done: false } : { __proto__: null, value: undefined, done: true },
  };
  return { __proto__: null, [n.iteratorSymbol]: () => iterator } as unknown as Iterable<T>;
}
