/**
 * Turns an imported session into a read-only Capture with the panel's own reducer (ingestEvents), so
 * that filters, details, stats and the chart work on it exactly as on a live capture. Written as a
 * generator that pauses every few thousand events: the async driver yields to the event loop there
 * (progress, cancel), the sync driver (tests) just runs through.
 */
import { isProtocolId } from '../decode/registry';
import { throwIfAborted, yieldToEventLoop } from '../log-format/chunked';
import { ingestEvents } from '../state/ingest';
import { type Capture, connectionKey, emptyCapture, newConnection, type Row } from '../state/model';
import { ImportError, type ImportedSession } from './types';

const STEP = 2048;

function* steps(session: ImportedSession): Generator<number, Capture> {
  const capture = emptyCapture();
  capture.readOnly = true;
  // Imported documents must all stay: a later top-level document must not drop the earlier ones.
  capture.preserveLog = true;
  for (const f of session.frames) capture.frames.set(f.info.key, { info: f.info, lastSeq: 0, missing: 0, counters: f.counters });
  const lastSeq = new Map<string, number>();
  const { events } = session;
  for (let i = 0; i < events.length; i++) {
    if (i % STEP === 0 && i > 0) yield i;
    const item = session.convert(events[i], i);
    const frame = capture.frames.get(item.frame);
    if (!frame) throw new ImportError(`events[${i}].frame: no document ${JSON.stringify(item.frame).slice(0, 80)} in "frames"`);
    if ('gap' in item) {
      insertGap(capture, { k: 'gap', frame: item.frame, conn: -1, seq: item.seq, t: item.t, gap: item.gap });
      continue;
    }
    // Exported sequence numbers have holes (filtered views, gaps written as their own events): the
    // reducer must not read them as lost events, so each event is announced as the next one.
    frame.lastSeq = item.event.seq - 1;
    ingestEvents(capture, frame.info, [item.event], frame.counters);
    lastSeq.set(item.frame, Math.max(lastSeq.get(item.frame) ?? 0, item.event.seq));
  }
  for (const f of session.frames) {
    const frame = capture.frames.get(f.info.key)!;
    frame.missing = f.missing;
    frame.lastSeq = lastSeq.get(f.info.key) ?? 0;
  }
  overlayConnections(capture, session);
  return capture;
}

/** Gaps are events of their own in a log; like the reducer, keep the timeline in time order. */
function insertGap(capture: Capture, row: Row): void {
  const rows = capture.rows;
  let at = rows.length;
  while (at > 0 && rows[at - 1].t > row.t) at--;
  if (at === rows.length) rows.push(row);
  else {
    rows.splice(at, 0, row);
    capture.rowsEpoch++;
  }
}

/** Copies the fields of `source` that are set; the others keep their value. */
function assignDefined<T extends object>(target: T, source: Partial<T>): void {
  for (const key of Object.keys(source) as (keyof T)[]) {
    const value = source[key];
    if (value !== undefined) target[key] = value;
  }
}

/** Connection facts from the file win over what the (possibly filtered) events imply. */
function overlayConnections(capture: Capture, session: ImportedSession): void {
  for (const meta of session.connections) {
    const key = connectionKey(meta.frame, meta.conn);
    let c = capture.connections.get(key);
    if (!c) {
      c = newConnection({ ...meta, ordinal: 0 }); // 0: numbered below, after the file's own numbers
      capture.connections.set(key, c);
    }
    const { frame: _frame, conn: _conn, decodedAs, ...facts } = meta;
    assignDefined(c, facts);
    if (decodedAs && isProtocolId(decodedAs.protocol)) c.decodeAs = decodedAs.protocol;
  }
  // Keep the file's numbering ("#3" stays #3) and order connections by it, as a live capture does.
  const list = [...capture.connections.values()];
  let next = list.reduce((max, c) => Math.max(max, c.ordinal), 0) + 1;
  for (const c of list) if (c.ordinal === 0) c.ordinal = next++;
  list.sort((a, b) => a.ordinal - b.ordinal);
  capture.connections = new Map(list.map((c) => [c.key, c]));
  capture.nextOrdinal = next;
}

export function buildCaptureSync(session: ImportedSession): Capture {
  const it = steps(session);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

export async function buildCapture(
  session: ImportedSession,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<Capture> {
  const it = steps(session);
  for (;;) {
    throwIfAborted(options.signal);
    const until = performance.now() + 16;
    let r = it.next();
    while (!r.done && performance.now() < until) r = it.next();
    if (r.done) return r.value;
    options.onProgress?.(r.value, session.events.length);
    await yieldToEventLoop();
  }
}
