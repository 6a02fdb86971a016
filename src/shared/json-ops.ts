/**
 * The few operations the rule code needs on parsed JSON, injected: the page passes its saved natives (a page
 * may have replaced JSON, Object.keys or put setters on Object.prototype), the panel and the tests the globals.
 * JSON text is written by jsonText (json-path.ts) over own keys only, never through a `toJSON` the page set.
 */
export interface JsonOps {
  /** JSON.parse without a reviver; throws on text that is not JSON. */
  parse(text: string): unknown;
  /** JSON text of a string, number or boolean (no `toJSON` is looked up for primitives). */
  quote(value: string | number | boolean): string;
  has(object: object, key: string | number): boolean;
  isArray(value: unknown): value is unknown[];
  /** Own enumerable string keys, in order. */
  keys(object: object): string[];
  /** Defines an own data field, whatever setters the prototype has. */
  define(object: object, key: string | number, value: unknown): void;
}

/** The ops over this realm's globals, for the panel and the tests (the page builds its own from its natives). */
export const globalJsonOps: JsonOps = {
  parse: (text) => JSON.parse(text),
  quote: (value) => JSON.stringify(value),
  has: (object, key) => Object.hasOwn(object, key),
  isArray: (value): value is unknown[] => Array.isArray(value),
  keys: (object) => Object.keys(object),
  define(object, key, value) {
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  },
};
