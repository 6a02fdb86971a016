/**
 * Each capture's hold book, and one signal that says some book changed. The reducer feeds it (a held frame
 * arrives, an answer is recorded), so views read only the few pending holds, never the timeline. Keyed by the
 * Capture object: an imported capture has its own book, and the live one keeps receiving while it is shown.
 */
import { signal } from '@preact/signals';
import type { WireEvent } from '../../shared/protocol';
import type { Capture } from '../state/model';
import { applyHoldEvent, emptyHoldBook, forgetHolds, type HoldBook, touchesHolds } from './hold-book';
import { whyUnanswerable } from './hold-status';

const books = new WeakMap<Capture, HoldBook>();

/** Bumped when any capture's pending holds change. */
export const holdsChanged = signal(0);

export function holdBookOf(capture: Capture): HoldBook {
  let book = books.get(capture);
  if (!book) {
    book = emptyHoldBook();
    books.set(capture, book);
  }
  return book;
}

/** Called by the reducer for every new event of document `frame`; costs one test for events that are not about holds. */
export function noteHoldEvent(capture: Capture, frame: string, event: WireEvent): void {
  if (touchesHolds(event) && applyHoldEvent(holdBookOf(capture), frame, event)) holdsChanged.value++;
}

/**
 * Clear forgets the holds no one can answer (their page went away, or the capture is an import). Holds still
 * waiting in a live page stay: the page keeps the frame, and every later one of its direction, until answered.
 */
export function forgetUnanswerableHolds(capture: Capture): void {
  const book = books.get(capture);
  if (book && forgetHolds(book, (held) => whyUnanswerable(capture, held) === null)) holdsChanged.value++;
}
