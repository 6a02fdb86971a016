/**
 * How many messages of a capture are longer than their preview, counted as rows arrive (rows are
 * append-only between an epoch change and the next), so that the search bar can say whether the
 * preview filter missed anything without walking a million rows on every change.
 */
import type { Capture } from '../state/model';

let memo: { rows: Capture['rows']; epoch: number; scanned: number; count: number } | null = null;

export function countLongMessages(capture: Capture): number {
  const { rows, rowsEpoch: epoch } = capture;
  if (!memo || memo.rows !== rows || memo.epoch !== epoch || rows.length < memo.scanned) memo = { rows, epoch, scanned: 0, count: 0 };
  let count = memo.count;
  for (let i = memo.scanned; i < rows.length; i++) {
    const row = rows[i];
    if ((row.k === 'msg' || row.k === 'send-fail') && !row.complete) count++;
  }
  memo.scanned = rows.length;
  memo.count = count;
  return count;
}
