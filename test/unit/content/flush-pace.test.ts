import { describe, expect, it } from 'vitest';
import { nextFlushDelay } from '../../../src/content/flush-pace';
import { LIMITS } from '../../../src/shared/limits';

describe('nextFlushDelay', () => {
  it('sends the first batch, or one after a quiet spell, within liveFlushMs', () => {
    expect(nextFlushDelay(5, Number.NEGATIVE_INFINITY)).toBe(LIMITS.liveFlushMs);
    expect(nextFlushDelay(1000, 1000 - LIMITS.busyFlushMs)).toBe(LIMITS.liveFlushMs);
    expect(nextFlushDelay(1000, 0)).toBe(LIMITS.liveFlushMs);
  });

  it('waits until busyFlushMs after the previous batch while events keep coming', () => {
    expect(nextFlushDelay(1000, 1000)).toBe(LIMITS.busyFlushMs);
    expect(nextFlushDelay(1030, 1000)).toBe(LIMITS.busyFlushMs - 30);
  });

  it('never waits less than liveFlushMs', () => {
    expect(nextFlushDelay(1000 + LIMITS.busyFlushMs - 1, 1000)).toBe(LIMITS.liveFlushMs);
  });

  it('takes a clock that went backwards as a quiet spell, not an endless wait', () => {
    expect(nextFlushDelay(500, 1000)).toBe(LIMITS.liveFlushMs);
    expect(nextFlushDelay(Number.NaN, 1000)).toBe(LIMITS.liveFlushMs);
  });
});
