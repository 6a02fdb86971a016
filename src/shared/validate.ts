/**
 * A tiny run-time schema checker. Every message that crosses a context boundary is untrusted, so each
 * side checks it against the typed protocol before acting on it. Hand-written to stay small and
 * dependency-free; it only needs objects, strings, numbers, booleans, literals, arrays and unions.
 */
export type Check<T> = (value: unknown, path: string) => T;

export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

const fail = (path: string, expected: string, value: unknown): never => {
  const got = value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isNaN(value) ? 'NaN' : typeof value;
  throw new ProtocolError(`${path || 'message'}: expected ${expected}, got ${got}`);
};

export const str =
  (maxLength = 1 << 20): Check<string> =>
  (v, p) => {
    if (typeof v !== 'string') return fail(p, 'string', v);
    if (v.length > maxLength) throw new ProtocolError(`${p}: string longer than ${maxLength}`);
    return v;
  };

export const num: Check<number> = (v, p) => (typeof v === 'number' && !Number.isNaN(v) ? v : fail(p, 'number', v));

export const int: Check<number> = (v, p) => (Number.isSafeInteger(v) ? (v as number) : fail(p, 'integer', v));

export const bool: Check<boolean> = (v, p) => (typeof v === 'boolean' ? v : fail(p, 'boolean', v));

export const literal =
  <T extends string | number>(...values: T[]): Check<T> =>
  (v, p) =>
    values.includes(v as T) ? (v as T) : fail(p, values.map((x) => JSON.stringify(x)).join(' | '), v);

export const optional =
  <T>(check: Check<T>): Check<T | undefined> =>
  (v, p) =>
    v === undefined ? undefined : check(v, p);

export const arrayOf =
  <T>(check: Check<T>, maxItems = 100_000): Check<T[]> =>
  (v, p) => {
    if (!Array.isArray(v)) return fail(p, 'array', v);
    if (v.length > maxItems) throw new ProtocolError(`${p}: more than ${maxItems} items`);
    return v.map((item, i) => check(item, `${p}[${i}]`));
  };

export const recordOf =
  <T>(check: Check<T>, maxKeys = 10_000): Check<Record<string, T>> =>
  (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(p, 'object', v);
    const keys = Object.keys(v);
    if (keys.length > maxKeys) throw new ProtocolError(`${p}: more than ${maxKeys} keys`);
    const out: Record<string, T> = Object.create(null);
    for (const k of keys) out[k] = check((v as Record<string, unknown>)[k], `${p}.${k}`);
    return out;
  };

type Shape = Record<string, Check<unknown>>;
type FromShape<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> };

/** Checks an object's listed fields and returns a copy that holds only those fields. */
export const object =
  <S extends Shape>(shape: S): Check<FromShape<S>> =>
  (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(p, 'object', v);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(shape)) {
      const value = shape[key]((v as Record<string, unknown>)[key], p ? `${p}.${key}` : key);
      if (value !== undefined) out[key] = value;
    }
    return out as FromShape<S>;
  };

/** A union told apart by one string field, such as `type` or `k`. */
export const tagged =
  <K extends string, M extends Record<string, Check<unknown>>>(key: K, variants: M): Check<ReturnType<M[keyof M]>> =>
  (v, p) => {
    if (typeof v !== 'object' || v === null) return fail(p, 'object', v);
    const tag = (v as Record<string, unknown>)[key];
    if (typeof tag !== 'string' || !Object.hasOwn(variants, tag)) {
      throw new ProtocolError(`${p ? `${p}.` : ''}${key}: unknown message kind ${JSON.stringify(String(tag)).slice(0, 60)}`);
    }
    return variants[tag](v, p) as ReturnType<M[keyof M]>;
  };

/** Instance check for values that survive structured cloning (ArrayBuffer, Blob). */
export const instance =
  <T>(ctor: abstract new (...args: never[]) => T, name: string): Check<T> =>
  (v, p) =>
    v instanceof ctor ? v : fail(p, name, v);

export const oneOf =
  <A, B>(a: Check<A>, b: Check<B>, expected: string): Check<A | B> =>
  (v, p) => {
    try {
      return a(v, p);
    } catch {
      try {
        return b(v, p);
      } catch {
        return fail(p, expected, v);
      }
    }
  };
