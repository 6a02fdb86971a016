/** A message (or failed send) from a log file as the reducer takes it. */
import { utf8Length } from '../../shared/codec';
import type { Direction, WireEvent } from '../../shared/protocol';
import { base64Size } from './checks';

export interface LoggedPayload {
  data: string;
  binary: boolean;
  /** The whole message's size, when the file says (it may hold only a part); else the size of `data`. */
  size?: number;
  trimmed?: boolean;
  hash?: string;
  injected?: boolean;
}

/** With no relay behind an import, the whole exported data is the event's preview. */
export function payloadEvent(
  head: { k: 'msg' | 'send-fail' | 'held'; conn: number; t: number; dir: Direction },
  p: LoggedPayload,
): Omit<WireEvent, 'seq'> {
  const event: Omit<WireEvent, 'seq'> = {
    ...head,
    binary: p.binary,
    size: p.size ?? (p.binary ? base64Size(p.data) : utf8Length(p.data)),
    preview: p.data,
    complete: !p.trimmed,
  };
  if (p.hash) event.hash = p.hash;
  if (p.injected) event.injected = true;
  return event;
}
