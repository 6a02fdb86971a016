import protobuf from 'protobufjs';
import descriptor from 'protobufjs/ext/descriptor';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProtobufChoice } from '../../../src/panel/decode/protobuf/choice';
import { chooseType, type LoadedSchema, loadSchema } from '../../../src/panel/decode/protobuf/schema';
import { protobufDecoder } from '../../../src/panel/decode/protocols/protobuf';
import type { DecodeResult } from '../../../src/panel/decode/types';

const CHAT_PROTO = `
syntax = "proto3";
package chat;
import "google/protobuf/timestamp.proto";

message Envelope {
  oneof body {
    Chat chat = 1;
    Ping ping = 2;
  }
  map<string, int32> counts = 3;
  repeated int64 ids = 4;
  google.protobuf.Timestamp sent_at = 5;
  Kind kind = 6;
  repeated Kind kinds = 7;
  bytes blob = 8;
  sint32 delta = 9;
  double ratio = 10;
}
message Chat { string text = 1; string user_name = 2; }
message Ping { uint64 n = 1; }
enum Kind { KIND_UNKNOWN = 0; KIND_TEXT = 1; KIND_IMAGE = 2; }
`;

function loaded(source: string | Uint8Array): LoadedSchema {
  const schema = loadSchema(source);
  if (!schema.ok) throw new Error(schema.error);
  return schema;
}
function choose(schema: LoadedSchema, name: string): ProtobufChoice {
  const chosen = chooseType(schema, name);
  if (!chosen.ok) throw new Error(chosen.error);
  return chosen.choice;
}
const decode = (choice: unknown, bytes: Uint8Array, complete = true): DecodeResult =>
  protobufDecoder.decode({ dir: 'recv', bytes, complete }, { protobuf: choice });

/** Encodes a fixture with protobufjs itself (in tests, where compiled code is allowed). */
function encoded(schema: LoadedSchema, name: string, value: Record<string, unknown>): Uint8Array {
  const type = schema.root.lookupType(name);
  return type.encode(type.fromObject(value)).finish();
}

const realFunction = globalThis.Function;
afterEach(() => {
  globalThis.Function = realFunction;
});
/** What the panel's CSP does: `new Function` throws an EvalError. */
function forbidCompiledCode(): void {
  globalThis.Function = function refused() {
    throw new EvalError("Evaluating a string as JavaScript violates the Content Security Policy: script-src 'self'");
  } as unknown as FunctionConstructor;
}

describe('protobuf schemas', () => {
  it('loads .proto text and lists its message types (well-known imports included)', () => {
    const schema = loaded(CHAT_PROTO);
    expect(schema.types).toEqual(['chat.Chat', 'chat.Envelope', 'chat.Ping', 'google.protobuf.Timestamp']);
  });

  it('an invalid .proto file gets a clear error', () => {
    expect(loadSchema('message { int32 = 1 }')).toMatchObject({ ok: false, error: expect.stringMatching(/^not a valid \.proto file: /) });
    expect(loadSchema('syntax = "proto3"; message A { Missing m = 1; }')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Missing/),
    });
    expect(loadSchema('syntax = "proto3"; import "other/file.proto"; message A {}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/imports "other\/file\.proto"/),
    });
    expect(loadSchema('syntax = "proto3";')).toMatchObject({ ok: false, error: 'the schema defines no message type' });
  });

  it('loads a binary FileDescriptorSet, without compiled code', () => {
    const set = descriptor.FileDescriptorSet.encode(loaded(CHAT_PROTO).root.toDescriptor('proto3')).finish();
    forbidCompiledCode();
    const schema = loaded(set);
    expect(schema.types).toEqual(expect.arrayContaining(['chat.Chat', 'chat.Envelope', 'chat.Ping']));
    const envelope = schema.root.lookupType('chat.Envelope');
    expect(envelope.fields.counts).toBeInstanceOf(protobuf.MapField);
  });

  it('a broken descriptor set gets a clear error', () => {
    expect(loadSchema(new Uint8Array([0x0a, 0x05, 0x01]))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^not a valid FileDescriptorSet: /),
    });
    expect(loadSchema(new Uint8Array([]))).toMatchObject({ ok: false, error: expect.stringMatching(/no file/) });
  });

  it('choosing a type that is not there is an error', () => {
    expect(chooseType(loaded(CHAT_PROTO), 'chat.Nope')).toEqual({ ok: false, error: 'no message type chat.Nope in the schema' });
  });
});

describe('protobuf decoder', () => {
  const schema = loaded(CHAT_PROTO);
  const envelope = choose(schema, 'chat.Envelope');
  const full = encoded(schema, 'chat.Envelope', {
    chat: { text: 'hello', user_name: 'ann' },
    counts: { a: 1, b: 2 },
    ids: ['9007199254740993', '-5'],
    sent_at: { seconds: 1_700_000_000, nanos: 5 },
    kind: 1,
    kinds: [1, 2],
    blob: new Uint8Array([0, 255]),
    delta: -3,
    ratio: 0.5,
  });

  it('decodes every field kind without compiled code (the panel’s CSP forbids it)', () => {
    const fresh = loaded(CHAT_PROTO);
    forbidCompiledCode();
    // protobufjs's own decoder compiles code on first use, so it fails where this decoder must not.
    expect(() => fresh.root.lookupType('chat.Envelope').decode(full)).toThrow(EvalError);
    const result = decode(choose(fresh, 'chat.Envelope'), full);
    expect(result).toMatchObject({ ok: true, messages: [{ summary: 'Envelope chat', fields: { type: 'chat' } }] });
    if (!result.ok) return;
    expect(result.messages[0].body).toEqual({
      chat: { text: 'hello', user_name: 'ann' },
      counts: { a: 1, b: 2 },
      ids: [9007199254740993n, -5n],
      sent_at: { seconds: 1_700_000_000n, nanos: 5 },
      kind: 'KIND_TEXT',
      kinds: ['KIND_TEXT', 'KIND_IMAGE'],
      blob: new Uint8Array([0, 255]),
      delta: -3,
      ratio: 0.5,
    });
  });

  it('reads unpacked repeated fields and lists unknown field numbers', () => {
    // ids (4) as two unpacked varints 1 and 2, then an unknown field 99 (varint 7).
    const bytes = new Uint8Array([0x20, 0x01, 0x20, 0x02, 0x98, 0x06, 0x07]);
    expect(decode(envelope, bytes)).toMatchObject({ ok: true, messages: [{ body: { ids: [1n, 2n], '(unknown fields)': [99] } }] });
  });

  it('no type chosen: asks for one', () => {
    expect(decode(undefined, full)).toEqual({
      ok: false,
      protocol: 'protobuf',
      error: 'pick a message type (after loading a .proto file or a descriptor set)',
    });
  });

  it('malformed bytes say which field broke, and why', () => {
    expect(decode(envelope, full.subarray(0, full.length - 3))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^as chat\.Envelope: /),
    });
    // Field 1 (chat, a message) sent as a varint.
    expect(decode(envelope, new Uint8Array([0x08, 0x01]))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/field chat \(1\): wire type 0/),
    });
    // A length past the end.
    expect(decode(envelope, new Uint8Array([0x0a, 0x7f, 0x01]))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/cut|truncated/),
    });
    expect(decode(envelope, new Uint8Array([0x00]))).toMatchObject({ ok: false, error: expect.stringMatching(/field number 0/) });
  });

  it('refuses messages nested deeper than the bound, without overflowing the stack', () => {
    const nested = loaded('syntax = "proto3"; message Node { Node child = 1; }');
    let bytes = new Uint8Array(0);
    for (let level = 0; level < 150; level++) {
      const length = [...protobuf.Writer.create().uint32(bytes.length).finish()];
      bytes = new Uint8Array([0x0a, ...length, ...bytes]);
    }
    expect(decode(choose(nested, 'Node'), bytes)).toMatchObject({ ok: false, error: expect.stringMatching(/nested deeper than 100/) });
  });

  it('a cut frame is named by the type it should be', () => {
    expect(decode(envelope, full.subarray(0, 10), false)).toMatchObject({
      ok: true,
      partial: true,
      messages: [{ summary: 'Envelope (cut)' }],
    });
  });
});
