/** The panel's rules stay live: counts reported in the capture are folded in, lapsed time rules leave. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refuseRules } from '../../../src/panel/actions/action-state';
import { RULE_TICK_MS, watchRules } from '../../../src/panel/actions/rule-watch';
import { emptyCapture } from '../../../src/panel/state/model';
import { capture, version } from '../../../src/panel/state/store';
import { script } from './fixtures';

const WS = 'wss://chat.example/ws';
const NOW = 1_700_000_000_000;
let stop: () => void;

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  capture.value = emptyCapture();
  refuseRules.value = [];
});
afterEach(() => {
  stop?.();
  vi.useRealTimers();
  refuseRules.value = [];
});

describe('watchRules', () => {
  it('drops a time rule within one tick of its end, and nothing before', () => {
    const offline = { id: 2, pattern: 'x' };
    refuseRules.value = [{ id: 1, pattern: WS, until: NOW + 2000 }, offline];
    stop = watchRules();
    const before = refuseRules.value;
    vi.advanceTimersByTime(2000 - RULE_TICK_MS);
    expect(refuseRules.value).toBe(before); // unchanged, so nothing was sent to the pages
    vi.advanceTimersByTime(RULE_TICK_MS);
    expect(refuseRules.value).toEqual([offline]);
  });

  it('takes the counts the page reports as refusal rows arrive, and drops the rule when used up', () => {
    refuseRules.value = [{ id: 7, pattern: WS, attempts: 2 }];
    stop = watchRules();
    const events = script().create(1, 10, WS).refused(1, 11, { id: 7, attempts: 1 });
    capture.value = events.build();
    version.value++;
    expect(refuseRules.value).toEqual([{ id: 7, pattern: WS, attempts: 1 }]);
    capture.value = events.create(2, 20, WS).refused(2, 21, { id: 7, attempts: 0 }).build();
    version.value++;
    expect(refuseRules.value).toEqual([]);
  });

  it('keeps a lowered count when the capture is cleared', () => {
    refuseRules.value = [{ id: 7, pattern: WS, attempts: 3 }];
    stop = watchRules();
    capture.value = script().create(1, 10, WS).refused(1, 11, { id: 7, attempts: 2 }).build();
    version.value++;
    capture.value = emptyCapture();
    version.value++;
    expect(refuseRules.value).toEqual([{ id: 7, pattern: WS, attempts: 2 }]);
  });
});
