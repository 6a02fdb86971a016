/**
 * How many messages of a capture are longer than their preview, counted as rows arrive (rows are
 * append-only between an epoch change and the next), so that the search bar can say whether the
 * preview filter missed anything without walking a million rows on every change. The count is kept
 * per rows array in a WeakMap: a cleared or navigated capture's rows must not stay alive through it.
 */
import type { Capture } from '../state/model';

const counted = new WeakMap<Capture['rows'], { epoch: number; scanned: number; count: number }>();

export function countLongMessages(capture: Capture): number {
  const { rows, rowsEpoch: epoch } = capture;
  let memo = counted.get(rows);
  if (!memo || memo.epoch !== epoch || rows.length < memo.scanned) {
    memo = { epoch, scanned: 0, count: 0 };
    counted.set(rows, memo);
  }
  for (let i = memo.scanned; i < rows.length; i++) {
    const row = rows[i];
    if ((row.k === 'msg' || row.k === 'send-fail') && !row.complete) memo.count++;
  }
  memo.scanned = rows.length;
  return memo.count;
}
