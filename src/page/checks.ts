/**
 * The primitives the shared checker (shared/check.ts) runs on in the page: only saved natives, and
 * only own fields, so that a page which replaced Array.isArray or Object.keys, or put getters and
 * setters on Object.prototype or Array.prototype, can neither fool a check nor watch one.
 */
import type { Primitives } from '../shared/check';
import type { Natives } from './natives';

/** The natives the checker's primitives use. */
export type CheckNatives = Pick<Natives, 'apply' | 'hasOwn' | 'isArray' | 'defineProperty' | 'create' | 'blobSize' | 'abByteLength'>;

export function pagePrimitives(n: CheckNatives): Primitives {
  const has = (object: object, key: string | number): boolean => n.apply(n.hasOwn, object, [key]);
  const isBinary = (value: object, getter: (this: unknown) => number): boolean => {
    try {
      n.apply(getter, value, []); // throws unless value is of the getter's type
      return true;
    } catch {
      return false;
    }
  };
  return {
    isArray: (value): value is readonly unknown[] => n.apply(n.isArray, null, [value]),
    field: (object, key) => (has(object, key) ? (object as Record<string | number, unknown>)[key] : undefined),
    has,
    keys(object) {
      const keys: string[] = [];
      for (const key in object) if (has(object, key)) n.defineProperty(keys, keys.length, own(key));
      return keys;
    },
    isBinary: (value, kind) => isBinary(value, kind === 'Blob' ? n.blobSize : n.abByteLength),
    newObject: () => n.create(null),
    newList: () => [],
    append(list, value) {
      n.defineProperty(list, list.length, own(value));
    },
  };
}

/** A descriptor with a null prototype: defineProperty would otherwise read the page's Object.prototype.get. */
const own = (value: unknown): PropertyDescriptor =>
  ({ __proto__: null, value, writable: true, enumerable: true, configurable: true }) as PropertyDescriptor;
