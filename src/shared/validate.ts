/**
 * Checks for the extension's own contexts (relay, background, panel): schema.ts's schemas compiled
 * over the plain globals, which no page can reach there. A failed check throws a ProtocolError that
 * names the path to the field at fault. The page hook compiles over its saved natives instead
 * (src/page/checks.ts).
 */
import { type Compiled, compile, type Primitives } from './check';
import { type Failed, type Infer, isFailed, type Schema } from './schema';

export type Check<T> = (value: unknown, path: string) => T;

export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

const plain: Primitives = {
  isArray: Array.isArray,
  field: Reflect.get,
  has: (object, key) => Object.hasOwn(object, key),
  keys: Object.keys,
  isBinary: (value, kind) => value instanceof (kind === 'Blob' ? Blob : ArrayBuffer),
  newObject: () => ({}),
  newList: () => [],
  append: (list, value) => {
    list.push(value);
  },
};

/** The schema's checker: the checked copy of a value, or a ProtocolError naming `path` and the field at fault. */
export const checker = <S extends Schema>(schema: S): Check<Infer<S>> => {
  // Compiled on first use: the relay loads at document_start on every page, before anything needs checking.
  let compiled: Check<Infer<S>> | null = null;
  return (value, path) => {
    compiled ??= throwing(compile(schema, plain));
    return compiled(value, path);
  };
};

function throwing<T>({ check, why }: Compiled<T>): Check<T> {
  return (value, path) => {
    const out = check(value);
    if (isFailed(out)) throw new ProtocolError(why(path));
    return out;
  };
}

/** The wording of the schema checks' failures, for custom checks: "expected finite number, got string". */
export const expected = (what: string, value: unknown): string =>
  `expected ${what}, got ${value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isNaN(value) ? 'NaN' : typeof value}`;

export type { Failed };
