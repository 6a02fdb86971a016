/**
 * One document's capture log, held in the relay so that it survives the MV3 service worker being
 * stopped and is there when a panel connects. Bounded twice: payload bodies beyond their preview are
 * trimmed oldest first past a byte budget, and whole events are dropped oldest first past an event
 * cap. Every trim is counted, so the panel can say exactly what is missing. Long text bodies stay in
 * the page hook (src/page/bodies.ts), within its own budget: the log holds their numbers there, and
 * counts the hook's trims as its own.
 */
import { LIMITS } from '../shared/limits';
import type { BodyTrim } from '../shared/page-link';
import type { RelayCounters, WireEvent } from '../shared/protocol';
import { LogRows, type WholePayload } from './log-rows';

/** A body the page hook keeps (number `id` there): the relay asks for it when the panel does. */
export interface InHook {
  inHook: number;
}
export type Body = string | ArrayBuffer | Blob;
export type StoredBody = Body | InHook;

export const isInHook = (body: StoredBody): body is InHook => typeof body === 'object' && 'inHook' in body;

const costOf = (body: Body): number => (typeof body === 'string' ? body.length * 2 : body instanceof ArrayBuffer ? body.byteLength : 0);

export class RelayLog {
  private readonly rows = new LogRows();
  private readonly bodies = new Map<number, { body: Body; cost: number }>();
  private bodyBytes = 0;
  /** Bodies in the hook: event seq → the body's number there, and back (a trim names the number). */
  private readonly inHook = new Map<number, number>();
  private readonly seqOfHookBody = new Map<number, number>();
  readonly counters: RelayCounters = { rejected: 0, faults: 0, trimmedBodies: 0, trimmedBytes: 0, droppedEvents: 0 };

  constructor(
    private readonly bodyBudget: number = LIMITS.relayBodyBudget,
    private readonly eventCap: number = LIMITS.relayEventCap,
  ) {}

  /** Takes `event` as its own (every caller passes a fresh object, as toWire makes): numbered in place, not copied. */
  append(event: Omit<WireEvent, 'seq'>, body?: StoredBody): number {
    const seq = this.rows.addEvent(event);
    if (body !== undefined && isInHook(body)) {
      this.inHook.set(seq, body.inHook);
      this.seqOfHookBody.set(body.inHook, seq);
    } else if (body !== undefined) this.keepBody(seq, body);
    this.keepWithinCap();
    return seq;
  }

  /** A message whose whole payload fits its preview (no body, no optional field): kept in columns (log-rows.ts). */
  appendMessage(conn: number, t: number, dir: 'send' | 'recv', payload: WholePayload): number {
    const seq = this.rows.addMessage(conn, t, dir, payload);
    this.keepWithinCap();
    return seq;
  }

  /** At most `max` events after `seq`, oldest first. */
  since(seq: number, max = Number.POSITIVE_INFINITY): WireEvent[] {
    return this.rows.since(seq, max);
  }

  get lastSeq(): number {
    return this.rows.nextSeq - 1;
  }

  body(seq: number): StoredBody | undefined {
    const id = this.inHook.get(seq);
    return id === undefined ? this.bodies.get(seq)?.body : { inHook: id };
  }

  /**
   * The hook let go of these bodies: counted as the log's own trims. A body whose event the log dropped already
   * (past the event cap) is not counted again, as the log's own bodies are not.
   */
  trimmedInHook(trims: readonly BodyTrim[]) {
    for (const { id, bytes } of trims) {
      const seq = this.seqOfHookBody.get(id);
      if (seq === undefined) continue;
      this.seqOfHookBody.delete(id);
      this.inHook.delete(seq);
      this.counters.trimmedBodies++;
      this.counters.trimmedBytes += bytes;
    }
  }

  /** Why a body is not available: trimmed, dropped, or never captured beyond its preview. */
  missingReason(seq: number): string {
    if (seq < this.rows.firstSeq) return 'this event was dropped to stay within the event cap';
    if (seq >= this.rows.nextSeq) return 'no such event';
    return 'the payload was trimmed to its preview to stay within the memory budget';
  }

  private keepBody(seq: number, body: Body) {
    const cost = costOf(body);
    this.bodies.set(seq, { body, cost });
    this.bodyBytes += cost;
    // Map iteration follows insertion, so the first entries are the oldest bodies.
    for (const [oldSeq, entry] of this.bodies) {
      if (this.bodyBytes <= this.bodyBudget) break;
      this.bodies.delete(oldSeq);
      this.bodyBytes -= entry.cost;
      this.counters.trimmedBodies++;
      this.counters.trimmedBytes += entry.cost;
    }
  }

  private keepWithinCap() {
    const over = this.rows.size - this.eventCap;
    if (over <= 0) return;
    const from = this.rows.firstSeq;
    this.rows.dropOldest(over);
    this.counters.droppedEvents += over;
    for (let seq = from; seq < from + over; seq++) {
      const id = this.inHook.get(seq);
      if (id !== undefined) {
        this.inHook.delete(seq);
        this.seqOfHookBody.delete(id);
      }
      const entry = this.bodies.get(seq);
      if (entry) {
        this.bodies.delete(seq);
        this.bodyBytes -= entry.cost;
      }
    }
  }
}
