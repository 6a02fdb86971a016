/**
 * Reading the hook's final hand-over (shared/page-link.ts's `handover`, written by src/page/final-flush.ts):
 * JSON text with the hook's token, the batches still in flight with their numbers, and the events not
 * yet posted. A page can dispatch look-alikes where the relay listens, but it cannot know the token,
 * which the hook gave at the handshake where no page script listens: anything else is rejected whole,
 * with a reason. Each event is then checked on its own, and its payload revived.
 */
import { base64ToBytes } from '../shared/codec';
import { type Handover, type HandoverEvent, handover, handoverEvent, type CapturedEvent as PageEvent } from '../shared/page-link';
import { checker, ProtocolError } from '../shared/validate';

const checkHandover = checker(handover);
const checkHandoverEvent = checker(handoverEvent);

export function readHandover(detail: unknown, token: string | null): Handover {
  if (typeof detail !== 'string') throw new ProtocolError('a final hand-over was not text');
  let parsed: unknown;
  try {
    // The hook writes an absent value of an event's array as null: read it back as undefined, as the port carries it.
    parsed = JSON.parse(detail, (_key, value) => (value === null ? undefined : value));
  } catch (error) {
    throw new ProtocolError(`a final hand-over did not parse: ${(error as Error).message}`);
  }
  const read = checkHandover(parsed, 'hand-over');
  if (token === null || read.token !== token) throw new ProtocolError("a final hand-over without the hook's token (forged)");
  return read;
}

/** Binary all the same when no bytes are left to show ({blob}, {gone}): the size says what there was. */
function revive(event: HandoverEvent & { k: 'msg' | 'send-fail' | 'held' }): PageEvent {
  const { data } = event;
  if (typeof data === 'string') return { ...event, data };
  if ('base64' in data) {
    const bytes = base64ToBytes(data.base64);
    if (!bytes) throw new ProtocolError('event.data.base64: not base64');
    return { ...event, data: bytes.buffer as ArrayBuffer };
  }
  const empty = new ArrayBuffer(0);
  if (event.k !== 'msg' || 'gone' in data) return { ...event, data: empty };
  return { ...event, data: empty, size: event.size ?? data.blob };
}

/** One event of a hand-over, checked, with its payload as the port would have carried it. */
export function reviveEvent(raw: unknown): PageEvent {
  const event = checkHandoverEvent(raw, 'event');
  return event.k === 'msg' || event.k === 'send-fail' || event.k === 'held' ? revive(event) : event;
}
