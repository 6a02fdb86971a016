/**
 * The relay's side of pack.ts (src/page): a small binary payload arrives as a place in its batch's one
 * `pack` buffer, and leaves here as a private ArrayBuffer, as if it had come alone.
 */
import type { CapturedEvent, PageEvent } from '../shared/page-link';
import { ProtocolError } from '../shared/validate';

/** The event with its packed payload (if any) copied out of `pack`; a place outside `pack` is an error. */
export function unpack(event: PageEvent, pack: ArrayBuffer | null): CapturedEvent {
  if (event.k !== 'msg' && event.k !== 'send-fail' && event.k !== 'held') return event;
  const { data } = event;
  if (typeof data === 'string' || data instanceof ArrayBuffer || data instanceof Blob) return event as CapturedEvent;
  const { p, n } = data;
  if (!pack || p < 0 || n < 0 || p + n > pack.byteLength) throw new ProtocolError('event.data: a packed payload outside its batch');
  // The checker built `event` afresh: it is ours to change.
  (event as { data: unknown }).data = pack.slice(p, p + n);
  return event as CapturedEvent;
}
