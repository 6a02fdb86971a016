/** The JSON operations of the rule code (shared/json-ops.ts) over the page's saved natives. */
import type { JsonOps } from '../../shared/json-ops';
import type { Natives } from '../natives';

export type JsonNatives = Pick<Natives, 'apply' | 'jsonParse' | 'jsonStringify' | 'hasOwn' | 'isArray' | 'objectKeys' | 'defineProperty'>;

export function pageJsonOps(n: JsonNatives): JsonOps {
  return {
    parse: (text) => n.apply(n.jsonParse, null, [text]),
    quote: (value) => n.apply(n.jsonStringify, null, [value]) as string,
    has: (object, key) => n.apply(n.hasOwn, object, [key]),
    isArray: (value): value is unknown[] => n.apply(n.isArray, null, [value]),
    keys: (object) => n.apply(n.objectKeys, null, [object]) as string[],
    define(object, key, value) {
      n.defineProperty(object, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true } as PropertyDescriptor);
    },
  };
}
