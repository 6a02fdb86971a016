/**
 * The held messages still waiting for the user's answer, per capture. A `held` event opens a hold; the `msg`
 * event whose effect is `held` with the same hold number, in the same document, closes it (forwarded, edited,
 * dropped or released). Fed event by event from the reducer, so that it never rescans the timeline; mutated in
 * place like the Capture it belongs to, but otherwise pure (no I/O, no clock), so it is tested with fixtures.
 */
import type { Direction, WireEvent } from '../../shared/protocol';

/** What the bar needs of a held frame: enough to name it, show it and answer it. */
export interface HeldMessage {
  frame: string;
  conn: number;
  hold: number;
  /** The `held` event's sequence number: its whole body is fetched with getPayload(frame, seq). */
  seq: number;
  t: number;
  dir: Direction;
  ruleId?: number;
  binary: boolean;
  size: number;
  /** Text, or base64 for a binary frame; the whole frame when `complete`. */
  preview: string;
  complete: boolean;
}

/**
 * More than the page hook lets wait in one direction of one socket (LIMITS.ruleQueue, past which it lets
 * the oldest go on its own): a bound for a panel that somehow missed the answers, never reached in use.
 */
export const MAX_PENDING_HOLDS = 10_000;

export interface HoldBook {
  /** Pending holds by `frame:hold`, in the order they arrived (oldest first). */
  pending: Map<string, HeldMessage>;
  /** Holds not listed because `pending` was full. */
  overflow: number;
  /** Bumped on every change, so that views re-read the book only when it changed. */
  revision: number;
}

export const emptyHoldBook = (): HoldBook => ({ pending: new Map(), overflow: 0, revision: 0 });

const holdKey = (frame: string, hold: number) => `${frame}:${hold}`;

/** True when the event concerns holds at all: the reducer's one cheap test per event. */
export const touchesHolds = (event: WireEvent): boolean => event.k === 'held' || event.fx?.kind === 'held';

/** Folds one event of document `frame` into the book; returns whether the book changed. */
export function applyHoldEvent(book: HoldBook, frame: string, event: WireEvent): boolean {
  if (event.k === 'held' && event.hold !== undefined && event.dir) {
    if (book.pending.size >= MAX_PENDING_HOLDS) {
      book.overflow++;
    } else {
      book.pending.set(holdKey(frame, event.hold), {
        frame,
        conn: event.conn,
        hold: event.hold,
        seq: event.seq,
        t: event.t,
        dir: event.dir,
        ...(event.ruleId !== undefined ? { ruleId: event.ruleId } : {}),
        binary: event.binary ?? false,
        size: event.size ?? 0,
        preview: event.preview ?? '',
        complete: event.complete ?? false,
      });
    }
    book.revision++;
    return true;
  }
  if (event.k === 'msg' && event.fx?.kind === 'held' && event.fx.hold !== undefined) {
    if (!book.pending.delete(holdKey(frame, event.fx.hold))) return false;
    book.revision++;
    return true;
  }
  return false;
}

/** Forgets the holds that `keep` refuses (documents gone from the capture, holds no one can answer). */
export function forgetHolds(book: HoldBook, keep: (held: HeldMessage) => boolean): boolean {
  let changed = false;
  for (const [key, held] of book.pending) {
    if (keep(held)) continue;
    book.pending.delete(key);
    changed = true;
  }
  if (changed) book.revision++;
  return changed;
}
