/**
 * One document's capture log, held in the relay so that it survives the MV3 service worker being
 * stopped and is there when a panel connects. Bounded twice: payload bodies beyond their preview are
 * trimmed oldest first past a byte budget, and whole events are dropped oldest first past an event
 * cap. Every trim is counted, so the panel can say exactly what is missing.
 */
import { LIMITS } from '../shared/limits';
import type { RelayCounters, WireEvent } from '../shared/protocol';

export type Body = string | ArrayBuffer | Blob;

const costOf = (body: Body): number => (typeof body === 'string' ? body.length * 2 : body instanceof ArrayBuffer ? body.byteLength : 0);

export class RelayLog {
  private events: WireEvent[] = [];
  private firstSeq = 1;
  private nextSeq = 1;
  private readonly bodies = new Map<number, { body: Body; cost: number }>();
  private bodyBytes = 0;
  readonly counters: RelayCounters = { rejected: 0, faults: 0, trimmedBodies: 0, trimmedBytes: 0, droppedEvents: 0 };

  constructor(
    private readonly bodyBudget: number = LIMITS.relayBodyBudget,
    private readonly eventCap: number = LIMITS.relayEventCap,
  ) {}

  append(event: Omit<WireEvent, 'seq'>, body?: Body): WireEvent {
    const stored = { ...event, seq: this.nextSeq++ } as WireEvent;
    this.events.push(stored);
    if (body !== undefined) this.keepBody(stored.seq, body);
    if (this.events.length > this.eventCap) this.dropOldest(this.events.length - this.eventCap);
    return stored;
  }

  /** Events after `seq`, oldest first. */
  since(seq: number): WireEvent[] {
    const from = Math.max(0, seq + 1 - this.firstSeq);
    return this.events.slice(from);
  }

  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  body(seq: number): Body | undefined {
    return this.bodies.get(seq)?.body;
  }

  /** Why a body is not available: trimmed, dropped, or never captured beyond its preview. */
  missingReason(seq: number): string {
    if (seq < this.firstSeq) return 'this event was dropped to stay within the event cap';
    if (seq >= this.nextSeq) return 'no such event';
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

  private dropOldest(count: number) {
    const dropped = this.events.splice(0, count);
    this.firstSeq += count;
    this.counters.droppedEvents += count;
    for (const event of dropped) {
      const entry = this.bodies.get(event.seq);
      if (entry) {
        this.bodies.delete(event.seq);
        this.bodyBytes -= entry.cost;
      }
    }
  }
}
