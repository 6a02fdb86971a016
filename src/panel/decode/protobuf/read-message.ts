/**
 * Decodes a protobuf message with protobufjs's Reader, walking the reflected type's fields.
 *
 * Why not `Type.decode`: protobufjs compiles each type's decoder with `new Function`, which the panel's
 * Content Security Policy (`script-src 'self'`, and MV3 allows nothing looser) refuses with an EvalError.
 * The wire format is still read by protobufjs (varints, zigzag, fixed widths, UTF-8, skipping unknown
 * fields); this walk only dispatches each field to the reader by its declared type, bounded in depth,
 * and says which field broke when the bytes do not fit the type.
 */
import * as protobuf from 'protobufjs/light';

type Reader = protobuf.Reader;
type Type = protobuf.Type;
type Field = protobuf.FieldBase;

/** protobufjs's tables of the wire type each scalar type uses (basic), may be packed with (packed), or is 64-bit (long). */
const wireOf = (table: object): Record<string, number | undefined> => table as Record<string, number | undefined>;
const BASIC = wireOf(protobuf.types.basic);
const PACKED = wireOf(protobuf.types.packed);
const LONG = wireOf(protobuf.types.long);

const MAX_DEPTH = 100;
const WIRE_VARINT = 0;
const WIRE_LENGTH = 2;
const WIRE_START_GROUP = 3;
const WIRE_END_GROUP = 4;

export interface ReadOptions {
  /** Enum values as their names (for people) or numbers (for protobufjs's descriptor conversion). */
  enumNames: boolean;
}

interface Long {
  low: number;
  high: number;
  unsigned: boolean;
}

const isLong = (value: unknown): value is Long => typeof value === 'object' && value !== null && 'low' in value && 'high' in value;

/** 64-bit integers as bigint, so no precision is lost (protobufjs returns `Long` objects or numbers). */
function toBigInt(value: unknown, unsigned: boolean): bigint {
  if (isLong(value)) {
    const bits = (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0);
    return unsigned ? BigInt.asUintN(64, bits) : BigInt.asIntN(64, bits);
  }
  return BigInt(value as number);
}

function readScalar(reader: Reader, type: string): unknown {
  const read = (reader as unknown as Record<string, () => unknown>)[type];
  const value = read.call(reader);
  if (LONG[type] !== undefined) return toBigInt(value, type === 'uint64' || type === 'fixed64');
  if (value instanceof Uint8Array) return new Uint8Array(value);
  return value;
}

/** An own property even for a field named `__proto__`. */
function put(out: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
}

/** The list or map already started under `name`, or a new one (repeated fields and maps arrive one entry at a time). */
function collection<T extends object>(out: Record<string, unknown>, name: string, make: () => T): T {
  if (!Object.hasOwn(out, name)) put(out, name, make());
  return out[name] as T;
}

class Walk {
  constructor(
    private readonly reader: Reader,
    private readonly options: ReadOptions,
  ) {}

  /** The fields of one message up to `end`, or up to its end-group tag when `group` is its field number. */
  message(type: Type, end: number, depth: number, group?: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) throw new Error(`nested deeper than ${MAX_DEPTH} messages`);
    const out: Record<string, unknown> = {};
    const reader = this.reader;
    while (reader.pos < end) {
      const tag = reader.uint32();
      const id = tag >>> 3;
      const wire = tag & 7;
      if (id === 0) throw new Error(`field number 0 at byte ${reader.pos}`);
      if (wire === WIRE_END_GROUP) {
        if (group === id) return out;
        throw new Error(`an unexpected end of group ${id}`);
      }
      const field = type.fieldsById[id];
      if (!field) {
        reader.skipType(wire, 0, id);
        const unknown = collection<number[]>(out, '(unknown fields)', () => []);
        if (!unknown.includes(id)) unknown.push(id);
        continue;
      }
      this.field(field.resolve(), wire, out, depth);
    }
    if (group !== undefined) throw new Error(`group ${group} has no end`);
    if (reader.pos !== end) throw new Error(`${type.name}: a field runs past the end of the message`);
    return out;
  }

  private field(field: Field, wire: number, out: Record<string, unknown>, depth: number): void {
    const name = field.name;
    try {
      if (field.map) {
        const entries = collection<Record<string, unknown>>(out, name, () => ({}));
        const [key, value] = this.mapEntry(field as unknown as protobuf.MapField, depth);
        put(entries, String(key), value);
        return;
      }
      const packedType = field.resolvedType instanceof protobuf.Enum ? WIRE_VARINT : PACKED[field.type];
      if (field.repeated && wire === WIRE_LENGTH && packedType !== undefined) {
        const list = collection<unknown[]>(out, name, () => []);
        const end = this.reader.uint32() + this.reader.pos;
        while (this.reader.pos < end) list.push(this.single(field, packedType, depth));
        return;
      }
      const value = this.single(field, wire, depth);
      if (field.repeated) collection<unknown[]>(out, name, () => []).push(value);
      else put(out, name, value);
    } catch (error) {
      throw new Error(`field ${name} (${field.id}): ${(error as Error).message}`);
    }
  }

  private mapEntry(field: protobuf.MapField, depth: number): [unknown, unknown] {
    const end = this.reader.uint32() + this.reader.pos;
    let key: unknown = field.keyType === 'string' ? '' : 0;
    let value: unknown = null;
    while (this.reader.pos < end) {
      const tag = this.reader.uint32();
      if (tag >>> 3 === 1) key = readScalar(this.reader, field.keyType);
      else if (tag >>> 3 === 2) value = this.single(field, tag & 7, depth);
      else this.reader.skipType(tag & 7);
    }
    return [key, value];
  }

  private single(field: Field, wire: number, depth: number): unknown {
    const resolved = field.resolvedType;
    if (resolved instanceof protobuf.Type) {
      if (wire === WIRE_START_GROUP) return this.message(resolved, Infinity, depth + 1, field.id);
      this.expect(wire, WIRE_LENGTH);
      const end = this.reader.uint32() + this.reader.pos;
      if (end > this.reader.len) throw new Error('the message is cut');
      return this.message(resolved, end, depth + 1);
    }
    if (resolved instanceof protobuf.Enum) {
      this.expect(wire, WIRE_VARINT);
      const number = this.reader.int32();
      return this.options.enumNames ? (resolved.valuesById[number] ?? number) : number;
    }
    const expected = BASIC[field.type];
    if (expected === undefined) throw new Error(`unknown type ${field.type}`);
    this.expect(wire, expected);
    return readScalar(this.reader, field.type);
  }

  private expect(wire: number, expected: number): void {
    if (wire !== expected) throw new Error(`wire type ${wire} where the schema expects ${expected}`);
  }
}

/** Reads `bytes` as one `type` message. Throws with the failing field's name on bytes that do not fit. */
export function readMessage(type: Type, bytes: Uint8Array, options: ReadOptions): Record<string, unknown> {
  const reader = protobuf.Reader.create(bytes);
  try {
    return new Walk(reader, options).message(type, bytes.length, 0);
  } catch (error) {
    // The Reader's own errors (`index out of range: 12 + 10 > 16`) mean the data ended early.
    const text = (error as Error).message.replace(/index out of range: .*/, 'the data ends inside a value (truncated)');
    throw new Error(text);
  }
}
