/**
 * What happened after a drop: the sockets the page created for the same URL, how long it waited
 * before each (its backoff), which were refused, when it recovered and whether traffic resumed.
 * Pure: it reads a Capture and returns plain data and text lines that the view and tests share.
 */
import { oneLine } from '../format/format';
import type { Capture, Connection, Row } from '../state/model';
import { urlMatches } from './rules';

export interface ReconnectRun {
  /** When the drop was requested (epoch ms). */
  dropAt: number;
  pattern: string;
  /** The dropped connection, left out of its own lineage. */
  droppedKey?: string;
}

export type AttemptOutcome = 'opened' | 'refused' | 'failed' | 'connecting';

export interface Attempt {
  key: string;
  ordinal: number;
  createdAt: number;
  /** Since the previous socket's close, or since the drop for the first. */
  delay: number;
  outcome: AttemptOutcome;
  closeCode?: number;
}

export interface ReconnectReport {
  attempts: Attempt[];
  delays: number[];
  /** First successful open after the drop, minus the drop time. */
  recoveredAfter?: number;
  recovered?: { ordinal: number; sent: number; received: number; firstSent: string[] };
}

const FIRST_SENT = 3;

export function reconnectReport(capture: Capture, run: ReconnectRun): ReconnectReport {
  const dropped = run.droppedKey ? capture.connections.get(run.droppedKey) : undefined;
  const lineage = [...capture.connections.values()]
    .filter((c) => c.key !== run.droppedKey && c.createdAt >= run.dropAt && urlMatches(run.pattern, c.url))
    .sort((a, b) => a.createdAt - b.createdAt || a.ordinal - b.ordinal);
  const recoveredConnection = lineage.find((c) => c.openedAt !== undefined);
  const { refused, firstSent } = scanRows(capture.rows, run.dropAt, recoveredConnection?.key);

  // The page's backoff timer starts at the close event it sees, which can follow the drop request by
  // a closing handshake; measuring from that close keeps the first delay comparable to the others.
  let previousEnd = dropped?.closedAt !== undefined && dropped.closedAt >= run.dropAt ? dropped.closedAt : run.dropAt;
  const attempts = lineage.map((c): Attempt => {
    const attempt: Attempt = {
      key: c.key,
      ordinal: c.ordinal,
      createdAt: c.createdAt,
      delay: Math.max(0, c.createdAt - previousEnd),
      outcome: outcomeOf(c, refused.has(c.key)),
      closeCode: c.close?.code,
    };
    previousEnd = c.closedAt ?? c.createdAt;
    return attempt;
  });

  const report: ReconnectReport = { attempts, delays: attempts.map((a) => a.delay) };
  if (recoveredConnection?.openedAt !== undefined) {
    report.recoveredAfter = recoveredConnection.openedAt - run.dropAt;
    report.recovered = {
      ordinal: recoveredConnection.ordinal,
      sent: recoveredConnection.sent.messages,
      received: recoveredConnection.received.messages,
      firstSent,
    };
  }
  return report;
}

function outcomeOf(c: Connection, refused: boolean): AttemptOutcome {
  if (c.openedAt !== undefined) return 'opened';
  if (refused) return 'refused';
  return c.state === 'closed' ? 'failed' : 'connecting';
}

/** One pass over the rows since the drop: sockets the hook refused, and the recovered socket's first sends. */
function scanRows(rows: readonly Row[], from: number, recoveredKey: string | undefined) {
  const refused = new Set<string>();
  const firstSent: string[] = [];
  for (let i = firstIndexAtOrAfter(rows, from); i < rows.length; i++) {
    const row = rows[i];
    if (row.k === 'action' && row.action === 'refuse') refused.add(`${row.frame}:${row.conn}`);
    else if (row.k === 'msg' && row.dir === 'send' && firstSent.length < FIRST_SENT && `${row.frame}:${row.conn}` === recoveredKey) {
      firstSent.push(row.binary ? `(binary, ${row.size ?? 0} bytes)` : oneLine(row.preview ?? '', 120));
    }
  }
  return { refused, firstSent };
}

/** Rows are in time order (ingest keeps them so): binary search for the first row at `t` or later. */
function firstIndexAtOrAfter(rows: readonly Row[], t: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const seconds = (ms: number, digits: number) => `${(ms / 1000).toFixed(digits)} s`;

export function attemptLine(attempt: Attempt, index: number): string {
  const code = attempt.closeCode !== undefined ? `, close ${attempt.closeCode}` : '';
  return `Attempt ${index + 1}: after ${seconds(attempt.delay, 2)} — ${attempt.outcome} (socket #${attempt.ordinal}${code})`;
}

export function recoveryLine(report: ReconnectReport): string {
  if (report.recoveredAfter === undefined) {
    return report.attempts.length === 0 ? 'No reconnection attempt yet' : 'Not recovered yet';
  }
  return `Recovered after ${seconds(report.recoveredAfter, 1)} (socket #${report.recovered?.ordinal})`;
}

export function trafficLine(report: ReconnectReport): string | null {
  const r = report.recovered;
  if (!r) return null;
  if (r.sent === 0 && r.received === 0) return 'No traffic yet on the recovered socket';
  return `Traffic resumed: ${r.sent} sent, ${r.received} received`;
}
