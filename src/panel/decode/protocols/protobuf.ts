/**
 * Protobuf frames, decoded as the message type the user picked for the connection and direction
 * (`DecodeOptions.protobuf`, built by protobuf/schema.ts). Summary: the type's name, then the member
 * set in each oneof (`Envelope chat`) or its `type` field.
 */

import { ProtobufChoice } from '../protobuf/choice';
import { readMessage } from '../protobuf/read-message';
import type { DecodedMessage, Decoder } from '../types';
import { errorText } from './binary-text';

const MAX_NAME = 120;

function describe(choice: ProtobufChoice, value: Record<string, unknown>): DecodedMessage {
  const cases = choice.type.oneofsArray.flatMap((oneof) => oneof.oneof.filter((name) => Object.hasOwn(value, name)));
  const typeField = typeof value.type === 'string' ? value.type.slice(0, MAX_NAME) : undefined;
  const parts = [choice.type.name, ...cases, ...(typeField === undefined ? [] : [typeField])];
  const fields: DecodedMessage['fields'] = { type: typeField ?? cases[0] ?? choice.type.name };
  return { summary: parts.join(' '), fields, body: value };
}

export const protobufDecoder: Decoder = {
  id: 'protobuf',
  label: 'Protobuf',
  decode(frame, options) {
    const choice = options.protobuf;
    if (!(choice instanceof ProtobufChoice))
      return { ok: false, protocol: 'protobuf', error: 'pick a message type (after loading a .proto file or a descriptor set)' };
    if (!frame.bytes) return { ok: false, protocol: 'protobuf', error: 'a text frame, not protobuf bytes' };
    try {
      return { ok: true, protocol: 'protobuf', messages: [describe(choice, readMessage(choice.type, frame.bytes, { enumNames: true }))] };
    } catch (error) {
      if (frame.complete) return { ok: false, protocol: 'protobuf', error: `as ${choice.name}: ${errorText(error)}` };
      // A cut message cannot be read to its end; the row still names the type it is expected to be.
      return {
        ok: true,
        protocol: 'protobuf',
        partial: true,
        messages: [{ summary: `${choice.type.name} (cut)`, fields: { type: choice.type.name }, body: null }],
      };
    }
  },
};
