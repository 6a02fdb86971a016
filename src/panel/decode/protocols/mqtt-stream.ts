/**
 * MQTT over WebSocket need not align packets with frames (MQTT 3.1.1 and 5.0, section 6: a frame may
 * hold several packets or part of one). Some brokers do split them: aedes behind `ws`'s
 * createWebSocketStream sends every field as its own frame (a CONNACK arrives as four 1-byte frames).
 * A decoder sees one frame at a time, so the connection-level code that owns frame order joins each
 * direction's frames here, then decodes the whole packets with the `mqtt` decoder.
 */
import { packetSpans } from './mqtt-read';

/** A cut packet that declares more than this is not waited for: its bytes would have to be held until it ends. */
export const MAX_PENDING_BYTES = 16 * 1024 * 1024;

export type MqttJoin =
  /** `whole`: the packets this frame completes (empty when it only adds to a cut packet); `pending`: the cut packet's bytes so far. */
  { ok: true; whole: Uint8Array; pending: Uint8Array } | { ok: false; error: string };

/** Joins the bytes left over from the previous frames of one direction with the next frame. Pure. */
export function joinMqttFrames(pending: Uint8Array, frame: Uint8Array): MqttJoin {
  const bytes = new Uint8Array(pending.length + frame.length);
  bytes.set(pending);
  bytes.set(frame, pending.length);
  const spans = packetSpans(bytes);
  if (!spans) return { ok: false, error: 'not an MQTT fixed header' };
  const cut = spans.find((span) => span.end > bytes.length);
  const wholeEnd = cut ? cut.start : bytes.length;
  if (cut && cut.end !== Infinity && cut.end - cut.start > MAX_PENDING_BYTES)
    return { ok: false, error: `a packet of ${cut.end - cut.start} bytes, more than ${MAX_PENDING_BYTES} can be waited for` };
  return { ok: true, whole: bytes.slice(0, wholeEnd), pending: bytes.slice(wholeEnd) };
}
