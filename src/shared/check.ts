/**
 * Compiles a schema (schema.ts) into a checker built over a few primitives that the caller passes in:
 * the extension's contexts pass the plain globals (validate.ts), the page hook its saved natives
 * (src/page/checks.ts), so the same schemas serve both. A checker returns a checked copy that holds
 * only the schema's fields, or FAILED; it never throws and builds no string on the happy path: the
 * path to the failure is put together only while a failure returns through the containers.
 */
import {
  type Binary,
  FAILED,
  type Failed,
  type Fields,
  type Infer,
  type ListSchema,
  type ObjectSchema,
  type PayloadSchema,
  type RecordSchema,
  type Schema,
  type Slots,
  type TaggedSchema,
  type TupleCodes,
  type TupleSchema,
  type TupleVariants,
  type Variants,
} from './schema';

export interface Primitives {
  isArray(value: unknown): value is readonly unknown[];
  /** An own field's value (or any field's, where no page can own the prototypes); undefined when absent. */
  field(object: object, key: string | number): unknown;
  /** Whether `key` is an own field: never answered by a prototype. */
  has(object: object, key: string): boolean;
  keys(object: object): string[];
  isBinary(value: object, kind: Binary): boolean;
  /** A new, empty output object and list, and an append that reaches no prototype's setter. */
  newObject(): Record<string, unknown>;
  newList(): unknown[];
  append(list: unknown[], value: unknown): void;
}

/** Checks a value: its checked copy, or FAILED (then `why` words the failure). */
export type Checker<T> = (value: unknown) => T | Failed;

export interface Compiled<T> {
  check: Checker<T>;
  /** "root.path.to.field: what was wrong" for the last failure; a root of '' names the top "message". */
  why(root: string): string;
}

type Run = Checker<unknown>;

export function compile<S extends Schema>(schema: S, prims: Primitives): Compiled<Infer<S>> {
  // The last failure: written by the leaf that fails, its path prefixed by each container on the way out.
  // A union's first alternatives fail on the happy path (a text payload is not a packed place), so the common
  // "expected X, got Y" failure keeps its two constant parts and why() joins them.
  const failure = { path: '', reason: '', what: '', got: '' };
  const fail = (reason: string): Failed => {
    failure.path = '';
    failure.reason = reason;
    failure.what = '';
    return FAILED;
  };
  const kindOf = (v: unknown): string => (v === null ? 'null' : prims.isArray(v) ? 'array' : notANumber(v) ? 'NaN' : typeof v);
  const expected = (what: string, v: unknown): Failed => {
    failure.path = '';
    failure.what = what;
    failure.got = kindOf(v);
    return FAILED;
  };
  const within = (segment: string): Failed => {
    failure.path = segment + failure.path;
    return FAILED;
  };
  const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null;
  const each = <T>(map: { readonly [key: string]: T }, visit: (key: string, value: T) => void) => {
    for (const key in map) if (prims.has(map, key)) visit(key, map[key]);
  };

  const fieldsOf = (fields: Fields, out: { names: string[]; runs: Run[] }) => {
    each(fields, (name, field) => {
      out.names[out.names.length] = name;
      out.runs[out.runs.length] = build(field);
    });
    return out;
  };

  /** Copies the listed fields of `v` into `out`; fields that come out undefined are left out. */
  const objectRun = (fields: Fields, tag?: { key: string; value: string }): Run => {
    const { names, runs } = fieldsOf(fields, { names: [], runs: [] });
    return (v) => {
      if (!isObject(v) || prims.isArray(v)) return expected('object', v);
      const out = prims.newObject();
      if (tag) out[tag.key] = tag.value;
      for (let i = 0; i < names.length; i++) {
        const value = runs[i](prims.field(v, names[i]));
        if (value === FAILED) return within(`.${names[i]}`);
        if (value !== undefined) out[names[i]] = value;
      }
      return out;
    };
  };

  const taggedRun = ({ key, variants }: TaggedSchema<string, Variants>): Run => {
    const runs = prims.newObject();
    each(variants, (tag, fields) => {
      runs[tag] = objectRun(fields, { key, value: tag });
    });
    return (v) => {
      if (!isObject(v)) return expected('object', v);
      const tag = prims.field(v, key);
      if (typeof tag !== 'string' || !prims.has(runs, tag)) {
        // A template, not String(): the page may have replaced String; a cloned or parsed message holds no symbol.
        fail(
          `unknown message kind "${typeof tag === 'string' ? clip(tag, 58) : isObject(tag) ? kindOf(tag) : `${tag as Exclude<typeof tag, symbol>}`}"`,
        );
        return within(`.${key}`);
      }
      return (runs[tag] as Run)(v);
    };
  };

  /** One variant of a `tuples` schema: `[code, ...values]` of exactly its length, decoded into named fields. */
  const tupleRun = (key: string, tag: string, slots: Slots): Run => {
    const names: string[] = [];
    const runs: Run[] = [];
    for (let i = 0; i < slots.length; i++) {
      names[i] = slots[i][0];
      runs[i] = build(slots[i][1]);
    }
    const length = slots.length + 1;
    return (v) => {
      const list = v as readonly unknown[];
      if (list.length !== length) return fail(`expected ${length} items for "${tag}", got ${list.length}`);
      const out = prims.newObject();
      out[key] = tag;
      for (let i = 0; i < names.length; i++) {
        const value = runs[i](prims.field(list, i + 1));
        if (value === FAILED) return within(`.${names[i]}`);
        if (value !== undefined) out[names[i]] = value;
      }
      return out;
    };
  };

  const tuplesRun = ({ key, codes, variants }: TupleSchema<string, TupleVariants, TupleCodes<TupleVariants>>): Run => {
    const byCode: Run[] = [];
    each(variants, (tag, slots) => {
      byCode[codes[tag]] = tupleRun(key, tag, slots);
    });
    return (v) => {
      if (!prims.isArray(v)) return expected('array', v);
      const code = v.length > 0 ? prims.field(v, 0) : undefined;
      if (typeof code !== 'number' || code % 1 !== 0 || code < 0 || code >= byCode.length || byCode[code] === undefined) {
        fail(`unknown message kind ${typeof code === 'number' ? `${code}` : isObject(code) ? kindOf(code) : `"${typeof code}"`}`);
        return within(`.${key}`);
      }
      return byCode[code](v);
    };
  };

  const listRun = ({ of, max }: ListSchema<Schema>): Run => {
    const item = build(of);
    return (v) => {
      if (!prims.isArray(v)) return expected('array', v);
      if (v.length > max) return fail(`more than ${max} items`);
      const out = prims.newList();
      for (let i = 0; i < v.length; i++) {
        const value = item(prims.field(v, i));
        if (value === FAILED) return within(`[${i}]`);
        prims.append(out, value);
      }
      return out;
    };
  };

  const recordRun = ({ of, max }: RecordSchema<Schema>): Run => {
    const item = build(of);
    return (v) => {
      if (!isObject(v) || prims.isArray(v)) return expected('object', v);
      const keys = prims.keys(v);
      if (keys.length > max) return fail(`more than ${max} keys`);
      const out = prims.newObject();
      for (let i = 0; i < keys.length; i++) {
        const value = item(prims.field(v, keys[i]));
        if (value === FAILED) return within(`.${keys[i]}`);
        out[keys[i]] = value;
      }
      return out;
    };
  };

  const payloadRun = ({ max, binary }: PayloadSchema<Binary>): Run => {
    let what = 'string';
    for (let i = 0; i < binary.length; i++) what += i === binary.length - 1 ? ` or ${binary[i]}` : `, ${binary[i]}`;
    return (v) => {
      if (typeof v === 'string') return v.length <= max ? v : fail(`string longer than ${max}`);
      if (isObject(v)) for (let i = 0; i < binary.length; i++) if (prims.isBinary(v, binary[i])) return v;
      return expected(what, v);
    };
  };

  const build = (s: Schema): Run => {
    if (typeof s === 'function') return (v) => s(v, fail);
    switch (s.is) {
      case 'str':
        return (v) => (typeof v !== 'string' ? expected('string', v) : v.length <= s.max ? v : fail(`string longer than ${s.max}`));
      case 'num':
        return (v) => (typeof v === 'number' && !notANumber(v) ? v : expected('number', v));
      case 'int':
        // Number.isSafeInteger, with operators only: the page may have replaced Number's functions.
        return (v) =>
          typeof v === 'number' && v % 1 === 0 && v <= 9007199254740991 && v >= -9007199254740991 ? v : expected('integer', v);
      case 'bool':
        return (v) => (typeof v === 'boolean' ? v : expected('boolean', v));
      case 'literal': {
        const { values } = s;
        let what = '';
        for (let i = 0; i < values.length; i++) what += `${i ? ' | ' : ''}${typeof values[i] === 'string' ? `"${values[i]}"` : values[i]}`;
        return (v) => {
          for (let i = 0; i < values.length; i++) if (v === values[i]) return v;
          return expected(what, v);
        };
      }
      case 'optional': {
        const inner = build(s.of);
        return (v) => (v === undefined ? undefined : inner(v));
      }
      case 'list':
        return listRun(s);
      case 'record':
        return recordRun(s);
      case 'object':
        return objectRun((s as ObjectSchema<Fields>).fields);
      case 'tagged':
        return taggedRun(s);
      case 'tuples':
        return tuplesRun(s);
      case 'payload':
        return payloadRun(s);
      case 'union': {
        const runs: Run[] = [];
        for (let i = 0; i < s.of.length; i++) runs[i] = build(s.of[i]);
        return (v) => {
          let value: unknown = FAILED;
          for (let i = 0; i < runs.length && value === FAILED; i++) value = runs[i](v);
          return value;
        };
      }
    }
  };

  const why = (root: string): string => {
    const where = root + failure.path;
    const reason = failure.what === '' ? failure.reason : `expected ${failure.what}, got ${failure.got}`;
    return `${where === '' ? 'message' : root === '' && where[0] === '.' ? clip(where, where.length, 1) : where}: ${reason}`;
  };
  // The one place a schema's type meets its checker: build() follows the same cases as Infer.
  return { check: build(schema) as Checker<Infer<S>>, why };
}

/** Number.isNaN, with operators only: the page may have replaced Number's functions. */
// biome-ignore lint/suspicious/noSelfCompare: NaN is the one value unequal to itself
const notANumber = (v: unknown): boolean => v !== v;

/** Characters `from`…`max` of `text`, by index: String.prototype.slice may be the page's. */
function clip(text: string, max: number, from = 0): string {
  let out = '';
  for (let i = from; i < text.length && i < max; i++) out += text[i];
  return out;
}
