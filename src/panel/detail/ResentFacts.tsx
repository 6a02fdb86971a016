/**
 * The details of a message sent again from the timeline ("Send again", "Edit and send"): which message it was
 * made from, and a button that selects that message and scrolls the timeline to it.
 */
import { useMemo, useState } from 'preact/hooks';
import type { ResentFrom } from '../../shared/message-rules';
import { formatTime } from '../format/format';
import type { Capture, Row } from '../state/model';
import { findRow } from '../state/pairing';
import { scrollRequest, selectedRow, visibleView } from '../state/store';

/** Whether the timeline shows `row` under the current filter (its indices are in row order). */
function isShown(rows: readonly Row[], row: Row): boolean {
  const { indices, rows: viewRows } = visibleView.peek();
  if (viewRows !== rows) return false;
  const target = rows.indexOf(row);
  let lo = 0;
  let hi = indices.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (indices[mid] === target) return true;
    if (indices[mid] < target) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export function ResentFacts({ row, from, capture }: { row: Row; from: ResentFrom; capture: Capture }) {
  const [note, setNote] = useState<string | null>(null);
  const { rows, rowsEpoch } = capture;
  // rowsEpoch: rows were dropped or reordered in place, so the original may have gone
  const original = useMemo(() => findRow(rows, from.frame, from.seq, row), [rows, rowsEpoch, from, row]);
  if (!original) {
    return (
      <p class="pair-facts resent-facts">Resent from a message that is no longer in the timeline (cleared, or dropped as the oldest).</p>
    );
  }
  const connection = capture.connections.get(`${original.frame}:${original.conn}`);
  const goToOriginal = () => {
    if (!isShown(rows, original)) {
      setNote('The original message is hidden by the current filter: clear the filter to see it.');
      return;
    }
    selectedRow.value = original;
    scrollRequest.value = true;
  };
  return (
    <p class="pair-facts resent-facts">
      Resent from {connection ? `#${connection.ordinal}` : 'a connection no longer listed'}, message at {formatTime(original.t)}{' '}
      <button type="button" class="link" onClick={goToOriginal}>
        Go to original message
      </button>
      {note ? <span role="status"> {note}</span> : null}
    </p>
  );
}
