/** The details of a paired message: its part in the exchange, its latency, and a button to the other row. */
import { pairOf } from '../pairing/lookup';
import type { Capture, Row } from '../state/model';
import { pairLabel } from '../state/pair-label';
import { findRow, pairingClock, pairingFor } from '../state/pairing';
import { scrollRequest, selectedRow } from '../state/store';

const GO_TO: Record<string, string> = { request: 'Go to response', response: 'Go to request', next: 'Go to request', end: 'Go to request' };

export function PairFacts({ row, capture }: { row: Row & { k: 'msg' }; capture: Capture }) {
  pairingClock.value; // "waiting" turns to "no answer" as the timeout passes
  const { state } = pairingFor(capture, capture.readOnly ? null : Date.now());
  const links = pairOf(state, row.frame, row.seq);
  if (links.length === 0) return null;
  return (
    <ul class="pair-facts" aria-label="Request and response">
      {links.slice(0, 10).map((link) => {
        const label = pairLabel(link, state.timeoutMs);
        const partner = link.partnerSeq !== undefined ? findRow(capture.rows, row.frame, link.partnerSeq, row) : null;
        return (
          <li key={link.key} class={label.warn ? 'warn' : ''}>
            {label.long}{' '}
            {partner ? (
              <button
                type="button"
                class="link"
                onClick={() => {
                  selectedRow.value = partner;
                  scrollRequest.value = true;
                }}
              >
                {GO_TO[link.role]}
              </button>
            ) : null}
          </li>
        );
      })}
      {links.length > 10 ? <li>and {links.length - 10} more exchanges in this message</li> : null}
    </ul>
  );
}
