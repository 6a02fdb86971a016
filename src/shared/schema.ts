/**
 * Message schemas as plain data. Each message that crosses a context is described once with these
 * builders; its TypeScript type is derived from that description (`Infer`), and every receiver checks
 * it at run time with a checker compiled from the same description (check.ts). Plain data, with no
 * reference to a global, so that the page hook can bundle the schemas it receives and compile them
 * over its saved natives.
 */

/** What a check returns instead of a value when the value does not fit; check.ts words the reason. */
export interface Failed {
  readonly failed: true;
}
export const FAILED: Failed = { failed: true };
export const isFailed = (value: unknown): value is Failed => value === FAILED;

/** The binary payload types that survive structured cloning. */
export type Binary = 'ArrayBuffer' | 'Blob';
type BinaryType<B extends Binary> = B extends 'ArrayBuffer' ? ArrayBuffer : Blob;
type Literal = string | number | boolean;

export interface StrSchema {
  readonly is: 'str';
  readonly max: number;
}
export interface NumSchema {
  readonly is: 'num';
}
export interface IntSchema {
  readonly is: 'int';
}
export interface BoolSchema {
  readonly is: 'bool';
}
export interface LiteralSchema<T extends Literal> {
  readonly is: 'literal';
  readonly values: readonly T[];
}
export interface OptionalSchema<S extends Schema> {
  readonly is: 'optional';
  readonly of: S;
}
export interface ListSchema<S extends Schema> {
  readonly is: 'list';
  readonly of: S;
  readonly max: number;
}
export interface RecordSchema<S extends Schema> {
  readonly is: 'record';
  readonly of: S;
  readonly max: number;
}
export interface ObjectSchema<F extends Fields> {
  readonly is: 'object';
  readonly fields: F;
}
/** A union told apart by one string field (`k`, `c`, `type`); each variant lists its other fields. */
export interface TaggedSchema<K extends string, V extends Variants> {
  readonly is: 'tagged';
  readonly key: K;
  readonly variants: V;
}
/** A field at a fixed place of a tuple: its name in the decoded object, and its schema. */
export type Slot = readonly [name: string, schema: Schema];
export type Slots = readonly Slot[];
export type TupleVariants = { readonly [tag: string]: Slots };
export type TupleCodes<V extends TupleVariants> = { readonly [T in keyof V]: number };
/**
 * A union sent as arrays rather than objects (a structured clone copies an object key by key, an array
 * by value): `[code, ...values]`, `code` the variant's number in `codes`, then one value per slot, in
 * order, every slot present (an absent optional one is `undefined`). Checked and decoded into the object
 * `tagged(key, …)` would give, so that the receiver reads named fields.
 */
export interface TupleSchema<K extends string, V extends TupleVariants, C extends TupleCodes<V>> {
  readonly is: 'tuples';
  readonly key: K;
  readonly codes: C;
  readonly variants: V;
}
/** A WebSocket payload: a string of at most `max` UTF-16 units, or one of the binary types. */
export interface PayloadSchema<B extends Binary> {
  readonly is: 'payload';
  readonly max: number;
  readonly binary: readonly B[];
}
/** The first alternative that fits; when none does, the last one's failure is reported. */
export interface UnionSchema<S extends readonly Schema[]> {
  readonly is: 'union';
  readonly of: S;
}
/** A check the kinds above cannot say (the import files use a few): returns the value, or `fail(reason)`. */
export type CustomCheck<T> = (value: unknown, fail: (reason: string) => Failed) => T | Failed;

export type Schema =
  | StrSchema
  | NumSchema
  | IntSchema
  | BoolSchema
  | LiteralSchema<Literal>
  | OptionalSchema<Schema>
  | ListSchema<Schema>
  | RecordSchema<Schema>
  | ObjectSchema<Fields>
  | TaggedSchema<string, Variants>
  | TupleSchema<string, TupleVariants, TupleCodes<TupleVariants>>
  | PayloadSchema<Binary>
  | UnionSchema<readonly Schema[]>
  | CustomCheck<unknown>;
export type Fields = { readonly [key: string]: Schema };
export type Variants = { readonly [tag: string]: Fields };

type Flat<T> = { [K in keyof T]: T[K] } & {};
type OptionalKeys<F extends Fields> = { [K in keyof F]: F[K] extends OptionalSchema<Schema> ? K : never }[keyof F];
type InferFields<F extends Fields> = Flat<
  { -readonly [K in Exclude<keyof F, OptionalKeys<F>>]: Infer<F[K]> } & { -readonly [K in OptionalKeys<F>]?: Infer<F[K]> }
>;

type SlotFields<S extends Slots> = { [E in S[number] as E[0]]: E[1] };
/** The values of a tuple variant's slots, in order. */
type SlotValues<S extends Slots> = { -readonly [I in keyof S]: S[I] extends readonly [string, infer X] ? Infer<X> : never };
type TupleForm<Code, S extends Slots> = SlotValues<S> extends infer R extends unknown[] ? [Code, ...R] : never;
/** The array form of each variant of a `tuples` schema, by tag: `[code, ...slot values]`. */
export type TupleForms<V extends TupleVariants, C extends TupleCodes<V>> = { [T in keyof V]: TupleForm<C[T], V[T]> };

/** The TypeScript type of the values a schema accepts (for a `tuples` schema: what its check decodes to). */
export type Infer<S> = S extends StrSchema
  ? string
  : S extends NumSchema | IntSchema
    ? number
    : S extends BoolSchema
      ? boolean
      : S extends LiteralSchema<infer T>
        ? T
        : S extends OptionalSchema<infer O>
          ? Infer<O> | undefined
          : S extends ListSchema<infer O>
            ? Infer<O>[]
            : S extends RecordSchema<infer O>
              ? Record<string, Infer<O>>
              : S extends ObjectSchema<infer F>
                ? InferFields<F>
                : S extends TaggedSchema<infer K, infer V>
                  ? { [T in keyof V & string]: Flat<{ -readonly [P in K]: T } & InferFields<V[T]>> }[keyof V & string]
                  : S extends PayloadSchema<infer B>
                    ? string | BinaryType<B>
                    : S extends UnionSchema<infer U>
                      ? Infer<U[number]>
                      : S extends CustomCheck<infer T>
                        ? Exclude<T, Failed>
                        : S extends {
                              readonly is: 'tuples';
                              readonly key: infer K extends string;
                              readonly variants: infer V extends TupleVariants;
                            }
                          ? { [T in keyof V & string]: Flat<{ -readonly [P in K]: T } & InferFields<SlotFields<V[T]>>> }[keyof V & string]
                          : never;

export const str = /* @__NO_SIDE_EFFECTS__ */ (max: number): StrSchema => ({ is: 'str', max });
export const num: NumSchema = { is: 'num' };
/** A safe integer. */
export const int: IntSchema = { is: 'int' };
export const bool: BoolSchema = { is: 'bool' };
export const literal = /* @__NO_SIDE_EFFECTS__ */ <const T extends Literal>(...values: T[]): LiteralSchema<T> => ({
  is: 'literal',
  values,
});
/** A field that may be absent (or undefined); the checked copy leaves it out then. */
export const optional = /* @__NO_SIDE_EFFECTS__ */ <S extends Schema>(of: S): OptionalSchema<S> => ({ is: 'optional', of });
export const arrayOf = /* @__NO_SIDE_EFFECTS__ */ <S extends Schema>(of: S, max: number): ListSchema<S> => ({ is: 'list', of, max });
/** An object used as a map: any own keys, each value checked. */
export const recordOf = /* @__NO_SIDE_EFFECTS__ */ <S extends Schema>(of: S, max: number): RecordSchema<S> => ({ is: 'record', of, max });
/** An object with these fields; the checked copy holds only them. */
export const object = /* @__NO_SIDE_EFFECTS__ */ <const F extends Fields>(fields: F): ObjectSchema<F> => ({ is: 'object', fields });
export const tagged = /* @__NO_SIDE_EFFECTS__ */ <const K extends string, const V extends Variants>(
  key: K,
  variants: V,
): TaggedSchema<K, V> => ({
  is: 'tagged',
  key,
  variants,
});
export const tuples = /* @__NO_SIDE_EFFECTS__ */ <const K extends string, const V extends TupleVariants, const C extends TupleCodes<V>>(
  key: K,
  codes: C,
  variants: V,
): TupleSchema<K, V, C> => ({ is: 'tuples', key, codes, variants });
export const payload = /* @__NO_SIDE_EFFECTS__ */ <const B extends Binary>(max: number, ...binary: B[]): PayloadSchema<B> => ({
  is: 'payload',
  max,
  binary,
});
export const union = /* @__NO_SIDE_EFFECTS__ */ <const S extends readonly Schema[]>(...of: S): UnionSchema<S> => ({ is: 'union', of });
/** Any value, unchecked: for a list whose items are checked one by one afterwards. */
export const anything: CustomCheck<unknown> = (value) => value;
