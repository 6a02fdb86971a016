/**
 * Every decoder, in the order content detection tries them: specific protocols before the general ones
 * (JSON-RPC before plain JSON, MQTT before MessagePack), so the first that recognises a frame wins.
 */
import { binaryDecoders } from './binary-decoders';
import { json } from './protocols/json';
import { raw } from './protocols/raw';
import { textDecoders } from './text-decoders';
import type { Decoder, ProtocolId } from './types';

export const decoders: readonly Decoder[] = [...textDecoders, ...binaryDecoders, json, raw];

const byId = new Map<ProtocolId, Decoder>(decoders.map((decoder) => [decoder.id, decoder]));

export function decoderFor(id: ProtocolId): Decoder {
  return byId.get(id) ?? raw;
}

export function isProtocolId(value: string): value is ProtocolId {
  return byId.has(value as ProtocolId);
}
