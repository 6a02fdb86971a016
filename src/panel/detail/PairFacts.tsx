/**
 * The details of a paired message: its part in the exchange, its latency, a button to the other row, and one
 * that drafts a mock rule answering requests like this one with this response.
 */
import type { PayloadBody } from '../../shared/protocol';
import { openMockFromPair } from '../message-rules/open-mock';
import { pairOf } from '../pairing/lookup';
import type { Capture, Row } from '../state/model';
import { pairLabel } from '../state/pair-label';
import { findRow, pairingClock, pairingFor } from '../state/pairing';
import { scrollRequest, selectedRow } from '../state/store';

const GO_TO: Record<string, string> = { request: 'Go to response', response: 'Go to request', next: 'Go to request', end: 'Go to request' };

type MessageRow = Row & { k: 'msg' };

/** The request and its response, when this link joins a sent request to a received answer (what a mock can replay). */
function mockablePair(row: MessageRow, role: string, partner: Row | null): [MessageRow, MessageRow] | null {
  if (partner?.k !== 'msg' || (role !== 'request' && role !== 'response')) return null;
  const other = partner as MessageRow;
  const [request, response] = role === 'request' ? [row, other] : [other, row];
  if (request.dir !== 'send' || response.dir !== 'recv' || request.binary || response.binary) return null;
  return [request, response];
}

export function PairFacts({
  row,
  capture,
  fetchPayload,
}: {
  row: MessageRow;
  capture: Capture;
  fetchPayload(frame: string, seq: number): Promise<PayloadBody>;
}) {
  const connection = capture.connections.get(`${row.frame}:${row.conn}`);
  pairingClock.value; // "waiting" turns to "no answer" as the timeout passes
  const { state } = pairingFor(capture, capture.readOnly ? null : Date.now());
  const links = pairOf(state, row.frame, row.seq);
  if (links.length === 0) return null;
  return (
    <ul class="pair-facts" aria-label="Request and response">
      {links.slice(0, 10).map((link) => {
        const label = pairLabel(link, state.timeoutMs);
        const partner = link.partnerSeq !== undefined ? findRow(capture.rows, row.frame, link.partnerSeq, row) : null;
        const pair = connection ? mockablePair(row, link.role, partner) : null;
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
            {pair && connection ? (
              <>
                {' · '}
                <button type="button" class="link" onClick={() => void openMockFromPair(pair[0], pair[1], connection, fetchPayload)}>
                  Create mock from this pair
                </button>
              </>
            ) : null}
          </li>
        );
      })}
      {links.length > 10 ? <li>and {links.length - 10} more exchanges in this message</li> : null}
    </ul>
  );
}
