/**
 * One socket's direction while message rules act on it: a first-in first-out line of frames. A frame goes
 * when it is ready (its wait is over, its throttle slot has come, its hold was answered) AND every frame
 * before it went, so a delayed or held frame keeps every later one behind it and order is never changed.
 * A linked list (no array: Array.prototype's setters belong to the page), drained by one timer at a time.
 */
import { LIMITS } from '../../shared/limits';

export interface LaneItem {
  /** When the frame reached the hook (ms, the host's clock). */
  arrived: number;
  /** How long it must wait after arriving (delay, latency, a mock's delay). */
  wait: number;
  /** Throttle: the least time between two throttled frames of this lane (0: not throttled). */
  spacing: number;
  /** A hold waits for the user's answer. */
  held: boolean;
  /** The rule that made it wait (0: it only waits its turn), for the report when the line overflows. */
  rule: number;
  /** Carries the frame out; `early` when the line was full and it had to go before its time. */
  go(waited: number, early: boolean): void;
  next: LaneItem | null;
}

export interface Lane {
  first: LaneItem | null;
  last: LaneItem | null;
  size: number;
  /** When the last throttled frame went. */
  lastSpaced: number;
  timer: unknown;
  pumping: boolean;
}

export interface LaneHost {
  now(): number;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
  /** Counts frames waiting in every lane (the hooks' cheap "anything to do?" test). */
  waiting(delta: number): void;
  /** The line was full: `item` goes early. */
  overflow(item: LaneItem): void;
  fault(error: unknown): void;
}

export const newLane = (): Lane => ({
  first: null,
  last: null,
  size: 0,
  lastSpaced: Number.NEGATIVE_INFINITY,
  timer: null,
  pumping: false,
});

export const newItem = (arrived: number, wait: number, spacing: number, held: boolean, rule: number, go: LaneItem['go']): LaneItem => ({
  arrived,
  wait,
  spacing,
  held,
  rule,
  go,
  next: null,
});

/** The earliest time `item` may go, were it first in line (a held item: never, until answered). */
export function readyAt(item: LaneItem, lastSpaced: number): number {
  if (item.held) return Number.POSITIVE_INFINITY;
  const waited = item.arrived + item.wait;
  if (item.spacing <= 0) return waited;
  const slot = lastSpaced + item.spacing;
  return slot > waited ? slot : waited;
}

function take(host: LaneHost, lane: Lane): LaneItem {
  const item = lane.first as LaneItem;
  lane.first = item.next;
  if (lane.first === null) lane.last = null;
  item.next = null;
  lane.size--;
  host.waiting(-1);
  return item;
}

function send(host: LaneHost, lane: Lane, item: LaneItem, now: number, early: boolean): void {
  if (item.spacing > 0) lane.lastSpaced = now;
  try {
    item.go(now - item.arrived, early);
  } catch (error) {
    host.fault(error);
  }
}

/** Adds a frame at the end of the line and lets out whatever is ready. */
export function enqueue(host: LaneHost, lane: Lane, item: LaneItem): void {
  if (lane.size >= LIMITS.ruleQueue) {
    const oldest = take(host, lane);
    host.overflow(oldest);
    send(host, lane, oldest, host.now(), true);
  }
  if (lane.last) lane.last.next = item;
  else lane.first = item;
  lane.last = item;
  lane.size++;
  host.waiting(1);
  pump(host, lane);
}

/** Lets out, in order, every frame at the head of the line that is ready; sets a timer for the next one. */
export function pump(host: LaneHost, lane: Lane): void {
  // A frame's going may run page code that adds to this lane: the loop that runs picks it up in order.
  if (lane.pumping) return;
  lane.pumping = true;
  try {
    if (lane.timer !== null) {
      host.clearTimer(lane.timer);
      lane.timer = null;
    }
    while (lane.first) {
      const now = host.now();
      const at = readyAt(lane.first, lane.lastSpaced);
      if (at > now) {
        if (at !== Number.POSITIVE_INFINITY) lane.timer = host.setTimer(() => wake(host, lane), at - now);
        return;
      }
      send(host, lane, take(host, lane), now, false);
    }
  } finally {
    lane.pumping = false;
  }
}

function wake(host: LaneHost, lane: Lane): void {
  lane.timer = null;
  pump(host, lane);
}
