/**
 * What `DecodeOptions.protobuf` holds: the message type the user picked for a connection and direction.
 * Apart from schema.ts so that the decoder needs only protobufjs's light build, and the schema loader
 * (the full build with its .proto parser) can be imported when the user loads a schema.
 */
import type { Type } from 'protobufjs/light';

export class ProtobufChoice {
  constructor(readonly type: Type) {}

  get name(): string {
    return this.type.fullName.replace(/^\./, '');
  }
}
