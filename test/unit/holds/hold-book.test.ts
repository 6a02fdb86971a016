import { describe, expect, it } from 'vitest';
import { applyHoldEvent, emptyHoldBook, MAX_PENDING_HOLDS } from '../../../src/panel/holds/hold-book';
import { holdBookOf } from '../../../src/panel/holds/hold-store';
import { clearCapture, ingestEvents } from '../../../src/panel/state/ingest';
import type { Capture } from '../../../src/panel/state/model';
import { captureOf, create, doc, noCounters, numbered, open, sent, T0 } from '../panel/fixtures';
import { answered, heldText } from './fixtures';

/** Hold numbers still pending, per document, oldest first. */
const pending = (capture: Capture) => [...holdBookOf(capture).pending.values()].map((h) => `${h.frame} #${h.hold}`);

describe('the hold book', () => {
  it('keeps a held frame pending until a message with the held effect and its hold number arrives', () => {
    const capture = captureOf([
      create(1, T0),
      open(1, T0 + 1),
      heldText(1, T0 + 10, 1, 'first'),
      heldText(1, T0 + 20, 2, 'second'),
      answered(1, T0 + 30, 1, 'first'),
    ]);
    expect(pending(capture)).toEqual(['page #2']);
    const [second] = holdBookOf(capture).pending.values();
    expect(second).toMatchObject({ conn: 1, dir: 'send', seq: 4, preview: 'second', complete: true, ruleId: 7 });
  });

  it('matches answers by document: the same hold number in another document stays pending', () => {
    const capture = captureOf([create(1, T0), heldText(1, T0 + 10, 1, 'top')], doc('top'));
    ingestEvents(capture, doc('child', T0 + 1, false), numbered([create(1, T0 + 2), heldText(1, T0 + 11, 1, 'child')]), noCounters());
    ingestEvents(capture, doc('child', T0 + 1, false), numbered([answered(1, T0 + 40, 1, 'child')], 3), noCounters());
    expect(pending(capture)).toEqual(['top #1']);
  });

  it('lists held frames in the order they arrived, and ignores messages without the held effect', () => {
    const capture = captureOf([
      create(1, T0),
      create(2, T0),
      heldText(2, T0 + 10, 5, 'on two', 'recv'),
      heldText(1, T0 + 11, 6, 'on one'),
      sent(1, T0 + 12, 'plain'),
      { ...sent(1, T0 + 13, 'delayed'), fx: { rule: 3, kind: 'delayed', ms: 100 } },
    ]);
    expect(pending(capture)).toEqual(['page #5', 'page #6']);
  });

  it('still sees holds and answers while the timeline is paused (the page waits all the same)', () => {
    const capture = captureOf([create(1, T0)]);
    capture.paused = true;
    ingestEvents(capture, doc('page'), numbered([heldText(1, T0 + 10, 1, 'x'), heldText(1, T0 + 11, 2, 'y')], 2), noCounters());
    ingestEvents(capture, doc('page'), numbered([answered(1, T0 + 12, 1, 'x')], 4), noCounters());
    expect(pending(capture)).toEqual(['page #2']);
  });

  it('counts a change only when the book changed, and a repeated answer as none', () => {
    const book = emptyHoldBook();
    const [held, answer] = numbered([heldText(1, T0, 1, 'x'), answered(1, T0 + 1, 1, 'x', 'dropped')]);
    expect(applyHoldEvent(book, 'page', held)).toBe(true);
    expect(applyHoldEvent(book, 'page', answer)).toBe(true);
    expect(applyHoldEvent(book, 'page', answer)).toBe(false);
    expect(book.revision).toBe(2);
  });

  it('is bounded: past the cap, held frames are counted, not listed', () => {
    const book = emptyHoldBook();
    for (let hold = 1; hold <= MAX_PENDING_HOLDS + 3; hold++) {
      applyHoldEvent(book, 'page', { ...heldText(1, T0 + hold, hold, 'x'), seq: hold });
    }
    expect(book.pending.size).toBe(MAX_PENDING_HOLDS);
    expect(book.overflow).toBe(3);
  });

  it('Clear keeps holds a live page still waits on, and forgets those of a page that went away', () => {
    const capture = captureOf([create(1, T0), heldText(1, T0 + 10, 1, 'old page')], doc('old', T0));
    capture.preserveLog = true; // the old document's rows (and frame) stay after the navigation
    ingestEvents(capture, doc('new', T0 + 1000), numbered([create(1, T0 + 1001), heldText(1, T0 + 1010, 1, 'new page')]), noCounters());
    expect(pending(capture)).toEqual(['old #1', 'new #1']);
    clearCapture(capture);
    expect(pending(capture)).toEqual(['new #1']);
  });

  it('Clear forgets every hold of a read-only import (none can be answered)', () => {
    const capture = captureOf([create(1, T0), heldText(1, T0 + 10, 1, 'imported')]);
    capture.readOnly = true;
    clearCapture(capture);
    expect(pending(capture)).toEqual([]);
  });
});
