/**
 * When the relay's next live batch leaves: within LIMITS.liveFlushMs after a quiet spell, and no sooner
 * than LIMITS.busyFlushMs after the previous batch while events keep coming. So a lone message shows
 * at once, and a burst costs the browser a few large port messages instead of many small ones.
 */
import { LIMITS } from '../shared/limits';

/** `now` and `lastFlushAt` on one monotonic clock (performance.now()); `lastFlushAt` is -Infinity before any batch. */
export function nextFlushDelay(now: number, lastFlushAt: number): number {
  const sinceLast = now - lastFlushAt;
  // A clock that went backwards (it should not) counts as a quiet spell rather than an endless wait.
  if (!(sinceLast >= 0) || sinceLast >= LIMITS.busyFlushMs) return LIMITS.liveFlushMs;
  return Math.max(LIMITS.liveFlushMs, LIMITS.busyFlushMs - sinceLast);
}
