import { describe, expect, it } from 'vitest';
import { describeBin } from '../../../src/panel/chart/describe';
import { firstVisibleAtOrAfter } from '../../../src/panel/chart/jump';
import { binAtX, plotBox } from '../../../src/panel/chart/layout';
import { binRates, buildChart, niceCeiling, peakRate } from '../../../src/panel/chart/series';
import { captureOf, open, received, sent, T0, traffic } from './fixtures';

const s = (seconds: number) => T0 + seconds * 1000;
const second0 = T0 / 1000;

describe('buildChart', () => {
  it('gives one bar per second from the first to the last, with empty seconds as zeros', () => {
    const capture = captureOf([sent(1, s(0.1), 'a'), received(1, s(0.2), 'bb'), received(1, s(2.5), 'ccc')]);
    const data = buildChart(capture.series.get('*'));
    expect(data.binSeconds).toBe(1);
    expect(data.bins).toEqual([
      { start: second0, sentMessages: 1, receivedMessages: 1, sentBytes: 1, receivedBytes: 2 },
      { start: second0 + 1, sentMessages: 0, receivedMessages: 0, sentBytes: 0, receivedBytes: 0 },
      { start: second0 + 2, sentMessages: 0, receivedMessages: 1, sentBytes: 0, receivedBytes: 3 },
    ]);
  });

  it('extends to a later second (an open connection going quiet)', () => {
    const capture = captureOf([sent(1, s(0), 'a')]);
    expect(buildChart(capture.series.get('*'), 120, second0 + 4).bins).toHaveLength(5);
  });

  it('uses wider, clock-aligned bars for long captures, with per-second rates', () => {
    // 300 seconds of one 10-byte message each second do not fit 120 bars: 5 s bars hold 5 messages.
    const capture = captureOf(Array.from({ length: 300 }, (_, i) => traffic(1, s(i), 'send', 10)));
    const data = buildChart(capture.series.get('*'), 120);
    expect(data.binSeconds).toBe(5);
    expect(data.bins).toHaveLength(60);
    expect(data.bins[0]).toMatchObject({ start: second0, sentMessages: 5, sentBytes: 50 });
    expect(binRates(data.bins[0], data.binSeconds, 'messages')).toEqual({ sent: 1, received: 0 });
    expect(binRates(data.bins[0], data.binSeconds, 'bytes')).toEqual({ sent: 10, received: 0 });
  });

  it('follows one connection when asked for its series', () => {
    const capture = captureOf([open(1, s(0)), sent(1, s(1), 'x'), sent(2, s(1), 'yy')]);
    expect(buildChart(capture.series.get('page:2')).bins[0].sentBytes).toBe(2);
    expect(buildChart(undefined)).toEqual({ binSeconds: 1, bins: [] });
  });

  it('finds the peak per-second value across both directions', () => {
    const capture = captureOf([sent(1, s(0), 'a'), received(1, s(0), 'b'), received(1, s(0.5), 'c'), sent(1, s(1), 'd')]);
    expect(peakRate(buildChart(capture.series.get('*')), 'messages')).toBe(2);
  });
});

describe('chart helpers', () => {
  it('rounds the axis up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 0.3, 1, 3, 7, 10, 11, 420, 5000].map(niceCeiling)).toEqual([1, 0.5, 1, 5, 10, 10, 20, 500, 5000]);
  });

  it('maps a pointer position to the bar under it, clamped', () => {
    const box = plotBox(458); // 400 px of plot from x = 58
    expect([0, 58, 99, 258, 457, 1000].map((x) => binAtX(x, box, 4))).toEqual([0, 0, 0, 2, 3, 3]);
    expect(binAtX(100, box, 0)).toBe(-1);
  });

  it('describes a bar in words', () => {
    const bin = { start: second0, sentMessages: 3, receivedMessages: 2, sentBytes: 2048, receivedBytes: 100 };
    expect(describeBin(bin, 1, 'messages')).toMatch(/^\d\d:\d\d:\d\d: sent 3 messages, received 2 messages$/);
    expect(describeBin(bin, 1, 'bytes')).toMatch(/: sent 2\.0 kB\/s, received 100 B\/s$/);
    expect(describeBin(bin, 10, 'messages')).toMatch(
      / to \d\d:\d\d:\d\d \(10 s\): sent 3 messages \(0\.3\/s\), received 2 messages \(0\.2\/s\)$/,
    );
  });

  it('finds the first visible row at or after a moment', () => {
    const capture = captureOf([open(1, s(0)), sent(1, s(1), 'a'), sent(1, s(2), 'b'), sent(1, s(3), 'c')]);
    const all = Uint32Array.from([0, 1, 2, 3]);
    expect(firstVisibleAtOrAfter(capture.rows, all, s(2))).toBe(2);
    expect(firstVisibleAtOrAfter(capture.rows, all, s(1.5))).toBe(2);
    expect(firstVisibleAtOrAfter(capture.rows, Uint32Array.from([0, 3]), s(1.5))).toBe(1);
    expect(firstVisibleAtOrAfter(capture.rows, all, s(9))).toBe(-1);
  });
});
