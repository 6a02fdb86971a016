/**
 * Which decoder a connection gets: the negotiated subprotocol first (then the ones the page asked for),
 * then the URL, then the content of its first frames. The reason is shown next to the choice.
 */
import { decoderFor, decoders } from './registry';
import { type ConnectionHints, type Decoder, type Frame, type ProtocolId, SNIFF_FRAMES } from './types';

export type DetectedBy = 'subprotocol' | 'url' | 'content' | 'fallback';

export interface Detection {
  protocol: ProtocolId;
  by: DetectedBy;
}

function bySubprotocol(name: string): Decoder | undefined {
  const wanted = name.toLowerCase();
  return wanted ? decoders.find((decoder) => decoder.subprotocols?.some((sub) => sub.toLowerCase() === wanted)) : undefined;
}

function sniffs(decoder: Decoder, frame: Frame): boolean {
  try {
    return decoder.sniff?.(frame) === true;
  } catch {
    return false;
  }
}

export function detectProtocol(hints: ConnectionHints, frames: readonly Frame[]): Detection {
  const negotiated = bySubprotocol(hints.protocol) ?? hints.protocols.map(bySubprotocol).find(Boolean);
  if (negotiated) return { protocol: negotiated.id, by: 'subprotocol' };
  const byUrl = decoders.find((decoder) => decoder.url?.test(hints.url));
  if (byUrl) return { protocol: byUrl.id, by: 'url' };
  const sample = frames.slice(0, SNIFF_FRAMES);
  for (const decoder of decoders) {
    if (sample.some((frame) => sniffs(decoder, frame))) return { protocol: decoder.id, by: 'content' };
  }
  return { protocol: 'raw', by: 'fallback' };
}

/** Decodes with the chosen decoder; a decoder that breaks its promise and throws becomes an error result. */
export function decodeFrame(protocol: ProtocolId, frame: Frame, options: Parameters<Decoder['decode']>[1] = {}) {
  const decoder = decoderFor(protocol);
  try {
    return decoder.decode(frame, options);
  } catch (error) {
    return { ok: false as const, protocol: decoder.id, error: `decoder failed: ${(error as Error)?.message ?? String(error)}` };
  }
}
