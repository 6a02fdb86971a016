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
  const sample = frames.slice(0, SNIFF_FRAMES);
  const byUrl = decoders.find((decoder) => decoder.url?.test(hints.url));
  // Two protocols can share a URL shape (a SignalR hub speaks JSON or MessagePack at the same path): the URL's
  // choice stands unless most first frames fail with it and another decoder recognises one of those.
  if (byUrl && !(refutedBy(byUrl, sample) && byContent(sample, byUrl))) return { protocol: byUrl.id, by: 'url' };
  const found = byContent(sample, null);
  return found ? { protocol: found.id, by: 'content' } : { protocol: 'raw', by: 'fallback' };
}

function byContent(sample: readonly Frame[], except: Decoder | null): Decoder | undefined {
  return decoders.find((decoder) => decoder !== except && sample.some((frame) => sniffs(decoder, frame)));
}

/** Most of the sample fails to decode with `decoder`. */
function refutedBy(decoder: Decoder, sample: readonly Frame[]): boolean {
  if (sample.length === 0) return false;
  let failed = 0;
  for (const frame of sample) if (!decodeWith(decoder, frame).ok) failed++;
  return failed * 2 > sample.length;
}

function decodeWith(decoder: Decoder, frame: Frame) {
  try {
    return decoder.decode(frame, {});
  } catch {
    return { ok: false as const };
  }
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
