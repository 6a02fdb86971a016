/**
 * One worker seen through Deep capture, as the panel sees a document: a FrameInfo with its own key and
 * sequence numbers. It holds only the events not yet forwarded (the tab's session forwards every 20 ms),
 * bounded: past the cap new events are dropped but still numbered, so the panel shows the exact gap.
 */
import { packEvents } from '../../shared/event-batch';
import type { FrameInfo, HeldBody, RelayCounters, ToPanel, WireEvent, WorkerKind } from '../../shared/protocol';
import { type Converted, newSocketIds, type SocketIds } from './cdp-to-wire';

export class WorkerDocument {
  readonly info: FrameInfo;
  readonly ids: SocketIds = newSocketIds();
  private seq = 0;
  private events: WireEvent[] = [];
  private bodies: HeldBody[] = [];
  private readonly counters: RelayCounters = { rejected: 0, faults: 0, trimmedBodies: 0, trimmedBytes: 0, droppedEvents: 0 };

  constructor(key: string, url: string, worker: WorkerKind, startedAt: number) {
    this.info = { key, url, top: false, frameId: -1, startedAt, worker };
  }

  get pending(): number {
    return this.events.length;
  }

  /** `room`: how many more events the tab's session may hold before it forwards them. */
  add(converted: Converted, room: number): void {
    const seq = ++this.seq;
    if (room <= 0) {
      this.counters.droppedEvents++;
      return;
    }
    this.events.push({ ...converted.event, seq } as WireEvent);
    if (converted.body) this.bodies.push({ seq, body: converted.body });
  }

  /** Everything held, as `events` messages of at most LIMITS.batchEvents each; nothing is kept after. */
  take(): ToPanel[] {
    const out: ToPanel[] = [];
    if (this.events.length === 0) return out;
    for (const { events, json } of packEvents(this.events)) {
      const first = events[0].seq;
      const last = events[events.length - 1].seq;
      const bodies = this.bodies.filter((b) => b.seq >= first && b.seq <= last);
      out.push({ type: 'events', frame: this.info, events: json, counters: { ...this.counters }, ...(bodies.length ? { bodies } : {}) });
    }
    this.events = [];
    this.bodies = [];
    return out;
  }
}
