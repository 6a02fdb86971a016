/**
 * The relay's short way for the commonest page event: a message whose whole payload fits its preview (text up to
 * LIMITS.previewChars, or packed bytes up to LIMITS.previewBytes), with none of its optional slots set. It reads the
 * hook's array once and builds the summary the panel gets, where the general way (page-link.ts's check, unpack.ts,
 * to-wire.ts) builds three objects on the way. For anything else, or anything it does not fully accept, it answers
 * null and the general way decides, errors included: both give the same summary for every event this one takes
 * (test/unit/content/fast-msg.test.ts compares them).
 */
import { bytesToBase64, utf8Length } from '../shared/codec';
import { LIMITS } from '../shared/limits';
import { EVENT_CODES } from '../shared/page-tuples';
import type { WireEvent } from '../shared/protocol';

/** The msg array: [code, id, t, data, dir, size, hash, injected, fx, from, kept]. */
const MSG_LENGTH = 11;

/** The schemas' `int` (check.ts writes it with operators only, for the page; the relay's globals are its own). */
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);

/** A message's summary, or null to leave the event to the general way. */
export function fastMessage(item: unknown, pack: ArrayBuffer | null): Omit<WireEvent, 'seq'> | null {
  if (!Array.isArray(item) || item.length !== MSG_LENGTH || item[0] !== EVENT_CODES.msg) return null;
  const id: unknown = item[1];
  const t: unknown = item[2];
  const data: unknown = item[3];
  const dir: unknown = item[4];
  if (!isInt(id) || typeof t !== 'number' || Number.isNaN(t) || (dir !== 'send' && dir !== 'recv')) return null;
  for (let i = 5; i < MSG_LENGTH; i++) if (item[i] !== undefined) return null;
  let binary: boolean;
  let size: number;
  let preview: string;
  if (typeof data === 'string') {
    if (data.length > LIMITS.previewChars) return null;
    binary = false;
    size = utf8Length(data);
    preview = data;
  } else {
    // A packed place (pack.ts): a plain object with whole p and n inside the batch's pack.
    if (typeof data !== 'object' || data === null || Array.isArray(data) || pack === null) return null;
    const { p, n } = data as { p?: unknown; n?: unknown };
    if (!isInt(p) || !isInt(n) || p < 0 || n < 0 || n > LIMITS.previewBytes || p + n > pack.byteLength) return null;
    binary = true;
    size = n;
    preview = bytesToBase64(new Uint8Array(pack, p, n));
  }
  return { k: 'msg', conn: id, t, dir, binary, size, preview, complete: true };
}
