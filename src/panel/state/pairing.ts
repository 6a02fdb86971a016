/**
 * Requests paired with their responses, for the capture shown: the pairing engine (../pairing/) fed
 * with each message row's pairing hints, in capture order, as rows arrive. Rebuilt from the start when
 * rows change other than by appending, or when a decoding choice or the timeout changes.
 */
import { signal } from '@preact/signals';
import type { PairHint } from '../decode/types';
import { advance, feed } from '../pairing/feed';
import { pairOf } from '../pairing/lookup';
import { type SerializedPairing, serializePairing } from '../pairing/serialize';
import { createPairing, type PairingState } from '../pairing/state';
import { decodedRow, originSettings } from './decoding';
import { type Capture, connectionKey, type Row } from './model';
import { protobufSettings } from './protobuf-choices';

/** The seed's client gives up on a request after 5 s; so does the panel, until the user says otherwise. */
export const DEFAULT_TIMEOUT_MS = 5000;
export const pairingTimeout = signal(DEFAULT_TIMEOUT_MS);
/** Ticks every second while requests wait, so that views re-read the pairing when a timeout passes. */
export const pairingClock = signal(0);

/** Rows fed per call: the rest is fed on the next render, so a large import never freezes the panel. */
const FEED_PER_CALL = 100_000;

interface Tracker {
  capture: Capture;
  rows: readonly Row[];
  epoch: number;
  settings: unknown[];
  timeout: number;
  fed: number;
  state: PairingState;
}

let tracker: Tracker | null = null;

function hintsOf(row: Row, capture: Capture): PairHint[] {
  const result = decodedRow(row, capture.connections, false);
  if (!result?.ok) return [];
  const hints: PairHint[] = [];
  for (const message of result.messages) if (message.pair) hints.push(message.pair);
  return hints;
}

export interface PairingView {
  state: PairingState;
  /** Rows not fed yet (a large capture is fed over several renders). */
  behind: number;
}

/** The pairing for `capture`, brought up to date with its rows; `now` (live captures) judges timeouts. */
export function pairingFor(capture: Capture, now: number | null): PairingView {
  const settings = [originSettings.value, protobufSettings.value];
  const timeout = pairingTimeout.value;
  if (
    !tracker ||
    tracker.capture !== capture ||
    tracker.rows !== capture.rows ||
    tracker.epoch !== capture.rowsEpoch ||
    tracker.settings[0] !== settings[0] ||
    tracker.settings[1] !== settings[1] ||
    tracker.timeout !== timeout ||
    tracker.fed > capture.rows.length
  ) {
    tracker = {
      capture,
      rows: capture.rows,
      epoch: capture.rowsEpoch,
      settings,
      timeout,
      fed: 0,
      state: createPairing({ timeoutMs: timeout }),
    };
  }
  const { rows } = capture;
  const end = Math.min(rows.length, tracker.fed + FEED_PER_CALL);
  for (let i = tracker.fed; i < end; i++) {
    const row = rows[i];
    if (row.k !== 'msg') continue;
    feed(tracker.state, {
      frame: row.frame,
      seq: row.seq,
      conn: connectionKey(row.frame, row.conn),
      t: row.t,
      hints: hintsOf(row, capture),
    });
  }
  tracker.fed = end;
  if (now !== null && end === rows.length) advance(tracker.state, now);
  return { state: tracker.state, behind: rows.length - end };
}

/** The whole capture paired (fed to the end, however large) and written as the export's plain data. */
export function pairingForExport(capture: Capture, connection: string, now: number): SerializedPairing {
  let view = pairingFor(capture, capture.readOnly ? null : now);
  while (view.behind > 0) view = pairingFor(capture, capture.readOnly ? null : now);
  return serializePairing(view.state, connection === 'all' ? undefined : connection);
}

/** Forgets the pairing (tests; Clear replaces the rows, which rebuilds it anyway). */
export function resetPairingTracker(): void {
  tracker = null;
}

/** The row `seq` of document `frame`, looked for outwards from `near` (a partner is rarely far). */
export function findRow(rows: readonly Row[], frame: string, seq: number, near: Row): Row | null {
  const start = Math.max(0, rows.indexOf(near));
  for (let step = 0; start - step >= 0 || start + step < rows.length; step++) {
    const after = rows[start + step];
    if (after && after.frame === frame && after.seq === seq && after.k !== 'gap') return after;
    const before = rows[start - step];
    if (before && before.frame === frame && before.seq === seq && before.k !== 'gap') return before;
  }
  return null;
}

/** The row paired with `row` (its first answer, or its request), if the pairing knows one and it is still held. */
export function partnerOf(capture: Capture, row: Row): Row | null {
  if (row.k !== 'msg' || !tracker || tracker.capture !== capture) return null;
  const link = pairOf(tracker.state, row.frame, row.seq)[0];
  return link?.partnerSeq !== undefined ? findRow(capture.rows, row.frame, link.partnerSeq, row) : null;
}
