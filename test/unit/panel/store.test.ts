import { beforeEach, describe, expect, it, vi } from 'vitest';
import { decodedRow } from '../../../src/panel/state/decoding';
import { clearCapture, ingestEvents, ingestFrame } from '../../../src/panel/state/ingest';
import type { Capture, Row } from '../../../src/panel/state/model';
import { capture, markChanged, selectedRow, version } from '../../../src/panel/state/store';
import { captureOf, create, doc, noCounters, numbered, open, received, sent, T0 } from './fixtures';

/** A JSON socket (decoded, so its shown rows enter the decoded-rows cache) with one exchange. */
function jsonCapture(): Capture {
  return captureOf([
    create(1, T0, 'ws://store.test/ws'),
    open(1, T0 + 1),
    sent(1, T0 + 2, '{"op":"get","id":1}'),
    received(1, T0 + 3, '{"op":"got","id":1}'),
  ]);
}

const firstMessage = (c: Capture) => c.rows.find((row) => row.k === 'msg') as Row;

/** markChanged, then waits for its version bump (the next animation frame). */
async function changedAndBumped(): Promise<void> {
  const before = version.peek();
  markChanged();
  await vi.waitFor(() => expect(version.peek()).toBe(before + 1));
}

describe('when the capture’s rows are replaced, nothing keeps the old ones', () => {
  beforeEach(() => {
    selectedRow.value = null;
  });

  it('a navigation that drops the selected row’s document clears the selection', async () => {
    const c = jsonCapture();
    capture.value = c;
    await changedAndBumped();
    selectedRow.value = firstMessage(c);
    ingestFrame(c, doc('next', T0 + 10_000)); // a new top document, without Preserve log
    expect(c.rows).toEqual([]);
    await changedAndBumped();
    expect(selectedRow.value).toBeNull();
  });

  it('keeps the selection while its document stays: rows appended, or a navigation with Preserve log', async () => {
    const c = jsonCapture();
    capture.value = c;
    await changedAndBumped();
    const row = firstMessage(c);
    selectedRow.value = row;
    ingestEvents(c, doc('page'), numbered([received(1, T0 + 4, '{"op":"more"}')], 5), noCounters());
    await changedAndBumped();
    expect(selectedRow.value).toBe(row);
    c.preserveLog = true;
    ingestFrame(c, doc('next', T0 + 10_000));
    await changedAndBumped();
    expect(selectedRow.value).toBe(row);
  });

  it('Clear empties the decoded-rows cache: a row decodes again rather than being kept for its result', async () => {
    const c = jsonCapture();
    capture.value = c;
    await changedAndBumped();
    const row = firstMessage(c);
    const decoded = decodedRow(row, c.connections);
    expect(decoded?.ok).toBe(true);
    expect(decodedRow(row, c.connections)).toBe(decoded); // cached while its rows are shown
    clearCapture(c); // the socket is still open: its connection, and so the row's decoding, stay
    await changedAndBumped();
    const again = decodedRow(row, c.connections);
    expect(again).toEqual(decoded);
    expect(again).not.toBe(decoded);
  });
});
