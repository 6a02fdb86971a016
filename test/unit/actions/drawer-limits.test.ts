/** The drawer's limits: the timeline keeps half of the panel, and the drawer's least height gives way to that. */
import { describe, expect, it } from 'vitest';
import { DRAWER_HEAD_HEIGHT, DRAWER_MIN_HEIGHT, drawerLimits, fitDrawerHeight } from '../../../src/panel/actions/drawer-limits';

describe('drawer limits', () => {
  it('leave the timeline half of the panel once the other panes have their share', () => {
    expect(drawerLimits({ panel: 800, others: 120 })).toEqual({ min: DRAWER_MIN_HEIGHT, max: 280 });
    // 600 × 400 in Chromium: a two-line toolbar, the connections pane at its smallest, splitters, status bar.
    expect(drawerLimits({ panel: 400, others: 114.6 })).toEqual({ min: DRAWER_MIN_HEIGHT, max: 85 });
  });

  it('rounds the room down, so that the timeline never gets less than half', () => {
    const { max } = drawerLimits({ panel: 401, others: 100.2 });
    expect(max).toBe(100);
    expect(401 - 100.2 - max).toBeGreaterThanOrEqual(401 / 2);
  });

  it('shrink the drawer to its head, never below, when the panel has no room for its least height', () => {
    expect(drawerLimits({ panel: 400, others: 150 })).toEqual({ min: 50, max: 50 });
    expect(drawerLimits({ panel: 250, others: 120 })).toEqual({ min: DRAWER_HEAD_HEIGHT, max: DRAWER_HEAD_HEIGHT });
    expect(drawerLimits({ panel: 0, others: 0 })).toEqual({ min: DRAWER_HEAD_HEIGHT, max: DRAWER_HEAD_HEIGHT });
  });

  it('leave the drawer its head when the measures are not numbers', () => {
    expect(drawerLimits({ panel: Number.NaN, others: 0 })).toEqual({ min: DRAWER_HEAD_HEIGHT, max: DRAWER_HEAD_HEIGHT });
    expect(drawerLimits({ panel: 800, others: Number.NaN })).toEqual({ min: DRAWER_HEAD_HEIGHT, max: DRAWER_HEAD_HEIGHT });
  });
});

describe('fitting the chosen height', () => {
  const limits = { min: 60, max: 280 };

  it('keeps a height within the limits, in whole pixels', () => {
    expect(fitDrawerHeight(230, limits)).toBe(230);
    expect(fitDrawerHeight(230.6, limits)).toBe(231);
  });

  it('brings a height outside the limits to the nearest one', () => {
    expect(fitDrawerHeight(900, limits)).toBe(280);
    expect(fitDrawerHeight(10, limits)).toBe(60);
    expect(fitDrawerHeight(-50, limits)).toBe(60);
  });

  it('shows the largest drawer the room allows for a height that is not a number', () => {
    expect(fitDrawerHeight(Number.NaN, limits)).toBe(280);
    expect(fitDrawerHeight(Number.POSITIVE_INFINITY, limits)).toBe(280);
  });
});
