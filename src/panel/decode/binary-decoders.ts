/**
 * Decoders of binary protocols and formats, in content-detection order: framed protocols first
 * (MQTT's fixed headers), then the general formats, MessagePack before CBOR (WebSocket apps use it more).
 */
import { cbor } from './protocols/cbor';
import { mqtt } from './protocols/mqtt';
import { msgpack } from './protocols/msgpack';
import type { Decoder } from './types';

export const binaryDecoders: readonly Decoder[] = [mqtt, msgpack, cbor];
