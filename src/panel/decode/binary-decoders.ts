/**
 * Decoders of binary protocols and formats, in content-detection order: framed protocols first
 * (SignalR's length-prefixed records, MQTT's fixed headers), then the general formats, MessagePack
 * before CBOR (WebSocket apps use it more). Protobuf is never detected: it needs a schema.
 */
import { cbor } from './protocols/cbor';
import { mqtt } from './protocols/mqtt';
import { msgpack } from './protocols/msgpack';
import { protobufDecoder } from './protocols/protobuf';
import { signalrMsgpack } from './protocols/signalr-msgpack';
import type { Decoder } from './types';

export const binaryDecoders: readonly Decoder[] = [signalrMsgpack, mqtt, msgpack, cbor, protobufDecoder];
