/**
 * A batch's summaries cross relay → background → panel as one JSON string, not as an array of objects.
 * A runtime port copies a message in every context it passes through: a structured clone (or Chromium's JSON
 * before 148) walks each field of each of up to 2,000 events there, while a string is copied whole. The
 * background only routes a batch, so it never reads the events; the panel parses them and checks them against
 * `wireEvent`, as it checked the objects before (bench/PERFORMANCE.md, issue #17, session 11).
 */
import { LIMITS } from './limits';
import { checkWireEvents, type WireEvent } from './protocol';
import { ProtocolError } from './validate';

export interface PackedEvents {
  /** The events in `json`, in order (Deep capture sends each part's bodies along with it). */
  events: WireEvent[];
  json: string;
}

/**
 * The events in parts of at most LIMITS.batchEvents events and `maxChars` characters of JSON, in order; one
 * empty part for no events (a sync's answer still carries the frame and counters). A part over `maxChars` is
 * halved until it fits: one event alone is far below the cap (every field of an event is capped).
 */
export function packEvents(events: WireEvent[], maxChars: number = LIMITS.batchJsonChars): PackedEvents[] {
  const parts: PackedEvents[] = [];
  const pack = (part: WireEvent[]) => {
    const json = JSON.stringify(part);
    if (json.length <= maxChars || part.length === 1) {
      parts.push({ events: part, json });
      return;
    }
    const half = Math.ceil(part.length / 2);
    pack(part.slice(0, half));
    pack(part.slice(half));
  };
  if (events.length === 0) pack([]);
  for (let i = 0; i < events.length; i += LIMITS.batchEvents) pack(events.slice(i, i + LIMITS.batchEvents));
  return parts;
}

/** The checked events of a batch's JSON; a ProtocolError naming `path` when it is not JSON or not events. */
export function unpackEvents(json: string, path: string): WireEvent[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new ProtocolError(`${path}: not JSON (${String((error as Error).message).slice(0, 200)})`);
  }
  return checkWireEvents(parsed, path);
}
