/**
 * The relay's short way for the commonest page event: a message whose whole payload fits its preview (text up to
 * LIMITS.previewChars, or packed bytes up to LIMITS.previewBytes), with none of its optional slots set. It reads the
 * hook's array once and hands its four facts to the log, which keeps them in columns (log-rows.ts), where the general
 * way (page-link.ts's check, unpack.ts, to-wire.ts) builds three objects on the way. For anything else, or anything
 * it does not fully accept, it answers false and the general way decides, errors included: both give the panel the
 * same summary for every event this one takes (test/unit/content/fast-msg.test.ts compares them).
 */
import { LIMITS } from '../shared/limits';
import { EVENT_CODES } from '../shared/page-tuples';
import type { WholePayload } from './log-rows';

/** The msg array: [code, id, t, data, dir, size, hash, injected, fx, from, kept]. */
const MSG_LENGTH = 11;

/** The schemas' `int` (check.ts writes it with operators only, for the page; the relay's globals are its own). */
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);

/** Where a message the short way takes goes: the payload is its text, or a view of its bytes in the batch's pack. */
export type TakeMessage = (conn: number, t: number, dir: 'send' | 'recv', payload: WholePayload) => void;

/** Hands a message to `take` and answers true, or answers false to leave the event to the general way. */
export function fastMessage(item: unknown, pack: ArrayBuffer | null, take: TakeMessage): boolean {
  if (!Array.isArray(item) || item.length !== MSG_LENGTH || item[0] !== EVENT_CODES.msg) return false;
  const id: unknown = item[1];
  const t: unknown = item[2];
  const data: unknown = item[3];
  const dir: unknown = item[4];
  if (!isInt(id) || typeof t !== 'number' || Number.isNaN(t) || (dir !== 'send' && dir !== 'recv')) return false;
  for (let i = 5; i < MSG_LENGTH; i++) if (item[i] !== undefined) return false;
  if (typeof data === 'string') {
    if (data.length > LIMITS.previewChars) return false;
    take(id, t, dir, data);
    return true;
  }
  // A packed place (pack.ts): a plain object with whole p and n inside the batch's pack.
  if (typeof data !== 'object' || data === null || Array.isArray(data) || pack === null) return false;
  const { p, n } = data as { p?: unknown; n?: unknown };
  if (!isInt(p) || !isInt(n) || p < 0 || n < 0 || n > LIMITS.previewBytes || p + n > pack.byteLength) return false;
  // A view, not a copy: the log copies the bytes into its own pool. No slice() (see to-wire.ts on Firefox's views).
  take(id, t, dir, new Uint8Array(pack, p, n));
  return true;
}
