/**
 * Protobuf schemas the user loads: `.proto` text (protobufjs's parser) or a binary FileDescriptorSet
 * (`protoc --descriptor_set_out … --include_imports`, converted by protobufjs's descriptor extension).
 * Pure functions: the UI keeps the loaded schema and the chosen type per connection and direction.
 * The UI may import this module lazily: the protobuf decoder itself does not need it.
 */
import protobuf from 'protobufjs';
import descriptor from 'protobufjs/ext/descriptor';
import { ProtobufChoice } from './choice';
import { readMessage } from './read-message';

export interface LoadedSchema {
  ok: true;
  /** Every message type, by full name (`chat.Envelope`), sorted. */
  types: string[];
  root: protobuf.Root;
}

export type SchemaResult = LoadedSchema | { ok: false; error: string };

const MAX_TYPES = 10_000;
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function messageTypes(root: protobuf.Root): string[] {
  const names: string[] = [];
  const pending: protobuf.NamespaceBase[] = [root];
  while (pending.length > 0 && names.length < MAX_TYPES) {
    const space = pending.pop()!;
    for (const nested of space.nestedArray) {
      if (nested instanceof protobuf.Type) names.push(nested.fullName.replace(/^\./, ''));
      if (nested instanceof protobuf.Namespace) pending.push(nested);
    }
  }
  return names.sort();
}

/** The well-known types protobufjs ships (`google/protobuf/timestamp.proto`…), so `.proto` text may import them. */
function withCommonImports(imports: readonly string[] | undefined, root: protobuf.Root): string | undefined {
  for (const file of imports ?? []) {
    const known = protobuf.common.get(file);
    if (!known)
      return `it imports "${file}": paste that file's text into the same text, or load a descriptor set built with --include_imports`;
    root.addJSON(known.nested ?? {});
  }
  return undefined;
}

function fromProtoText(text: string): SchemaResult {
  // Parse once to learn the imports, then again into a root that already holds the well-known ones.
  const first = protobuf.parse(text, { keepCase: true });
  const root = new protobuf.Root();
  const missing = withCommonImports([...(first.imports ?? []), ...(first.weakImports ?? [])], root);
  if (missing) return { ok: false, error: missing };
  protobuf.parse(text, root, { keepCase: true });
  root.resolveAll();
  return { ok: true, types: messageTypes(root), root };
}

/**
 * protobufjs turns descriptor options into objects with compiled code, which the panel's CSP forbids
 * (see read-message.ts). Options do not change how bytes decode (this reader takes packed and unpacked
 * lists, groups and delimited messages alike), so they are dropped, except the marker of map entries.
 */
function withoutOptions(value: unknown, depth = 0): unknown {
  if (depth > 200) throw new Error('the descriptor nests too deep');
  if (Array.isArray(value)) return value.map((item) => withoutOptions(item, depth + 1));
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'sourceCodeInfo') continue;
    if (key === 'options') {
      if ((item as { mapEntry?: boolean }).mapEntry === true) out.options = { mapEntry: true };
      continue;
    }
    out[key] = withoutOptions(item, depth + 1);
  }
  return out;
}

function fromDescriptorSet(bytes: Uint8Array): SchemaResult {
  const setType = descriptor.FileDescriptorSet as unknown as protobuf.Type;
  const set = readMessage(setType, bytes, { enumNames: false });
  if (!Array.isArray(set.file) || set.file.length === 0) return { ok: false, error: 'a FileDescriptorSet with no file in it' };
  const root = protobuf.Root.fromDescriptor(withoutOptions(set) as descriptor.IFileDescriptorSet, { keepCase: true });
  return { ok: true, types: messageTypes(root), root };
}

/** Loads `.proto` text, or the bytes of a FileDescriptorSet. Never throws. */
export function loadSchema(source: string | Uint8Array): SchemaResult {
  try {
    const result = typeof source === 'string' ? fromProtoText(source) : fromDescriptorSet(source);
    if (result.ok && result.types.length === 0) return { ok: false, error: 'the schema defines no message type' };
    return result;
  } catch (error) {
    const kind = typeof source === 'string' ? 'not a valid .proto file' : 'not a valid FileDescriptorSet';
    return { ok: false, error: `${kind}: ${message(error)}` };
  }
}

/** The `DecodeOptions.protobuf` value for one of the schema's types, or an error naming the missing type. */
export function chooseType(schema: LoadedSchema, name: string): { ok: true; choice: ProtobufChoice } | { ok: false; error: string } {
  try {
    return { ok: true, choice: new ProtobufChoice(schema.root.lookupType(name)) };
  } catch {
    return { ok: false, error: `no message type ${name} in the schema` };
  }
}
