import { describe, expect, it } from 'vitest';
import { contentTop, END_SLACK_PX, MAX_SCROLL_PX, scrollScale, scrollTopFor } from '../../../src/panel/components/scroll-scale';

describe('scrollScale', () => {
  it('is the plain height while the content fits', () => {
    expect(scrollScale(500_000, 20, 400)).toEqual({ spacer: 10_000_000, ratio: 1, maxTop: Number.POSITIVE_INFINITY });
    expect(scrollScale(100_000, 20, 400)).toMatchObject({ spacer: 2_000_000, ratio: 1 });
  });

  it('maps both ends of the scrollbar to the first and the last row of 2,000,000', () => {
    const viewport = 400;
    const scale = scrollScale(2_000_000, 20, viewport);
    expect(scale.spacer).toBe(MAX_SCROLL_PX);
    expect(contentTop(scale, 0)).toBe(0);
    // The view's bottom edge is the last row's bottom edge from a little before the last scroll position
    // (browsers round positions this large) to the very end.
    for (const lastScroll of [scale.spacer - viewport - END_SLACK_PX, scale.spacer - viewport - 3, scale.spacer - viewport + 2])
      expect(contentTop(scale, lastScroll) + viewport).toBeCloseTo(2_000_000 * 20, 3);
    expect(scrollTopFor(scale, contentTop(scale, 1234.5))).toBeCloseTo(1234.5, 6);
  });

  it('never scales down', () => {
    expect(scrollScale(10, 20, 10_000).ratio).toBe(1);
    expect(scrollScale(0, 20, 0)).toMatchObject({ spacer: 0, ratio: 1 });
  });
});
