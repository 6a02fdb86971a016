/**
 * The protobuf message types the user picked, per connection and direction, after loading a schema
 * (a .proto file or a descriptor set). Kept for the panel's session: a schema is a file the user chose,
 * re-loaded when needed.
 */
import { signal } from '@preact/signals';
import type { ProtobufChoice } from '../decode/protobuf/choice';
import type { LoadedSchema } from '../decode/protobuf/schema';

export interface ProtobufSetting {
  schema: LoadedSchema;
  fileName: string;
  send: ProtobufChoice | null;
  recv: ProtobufChoice | null;
}

export const protobufSettings = signal<ReadonlyMap<string, ProtobufSetting>>(new Map());

export function setProtobuf(connectionKey: string, setting: ProtobufSetting | null): void {
  const next = new Map(protobufSettings.value);
  if (setting) next.set(connectionKey, setting);
  else next.delete(connectionKey);
  protobufSettings.value = next;
}

/** The type picked for this connection and direction, as the decoder's option. */
export function protobufChoiceFor(connectionKey: string, dir: 'send' | 'recv' | undefined): ProtobufChoice | undefined {
  const setting = protobufSettings.value.get(connectionKey);
  return (dir === 'recv' ? setting?.recv : setting?.send) ?? undefined;
}
