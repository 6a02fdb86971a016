/**
 * The relay's side of pack.ts (src/page): a small binary payload arrives as a place in its batch's one
 * `pack` buffer, and leaves here as a view of that place. No buffer is made for it here: most such payloads
 * fit their preview and are never kept, and to-wire.ts copies the ones it keeps (a view would hold the whole pack).
 */
import type { CapturedEvent, PageEvent } from '../shared/page-link';
import { ProtocolError } from '../shared/validate';

/** A captured event whose binary payload may be a view of its batch's pack. */
export type RelayEvent = CapturedEvent extends infer E
  ? E extends { data: infer D }
    ? Omit<E, 'data'> & { data: D | Uint8Array }
    : E
  : never;

/** The event with its packed payload (if any) as a view of `pack`; a place outside `pack` is an error. */
export function unpack(event: PageEvent, pack: ArrayBuffer | null): RelayEvent {
  if (event.k !== 'msg' && event.k !== 'send-fail' && event.k !== 'held') return event;
  const { data } = event;
  if (typeof data === 'string' || data instanceof ArrayBuffer || data instanceof Blob) return event as RelayEvent;
  const { p, n } = data;
  if (!pack || p < 0 || n < 0 || p + n > pack.byteLength) throw new ProtocolError('event.data: a packed payload outside its batch');
  // The checker built `event` afresh: it is ours to change.
  (event as { data: unknown }).data = new Uint8Array(pack, p, n);
  return event as RelayEvent;
}
