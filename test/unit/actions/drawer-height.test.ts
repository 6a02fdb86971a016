/** The drawer's height: restored from storage only when it is one the panel could have written, and never over a newer resize. */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_DRAWER_HEIGHT,
  drawerHeight,
  parseStoredDrawerHeight,
  resizeDrawer,
  restoreDrawerHeight,
  saveDrawerHeight,
} from '../../../src/panel/actions/drawer-height';
import { createMemoryStorage, type KeyValueStorage } from '../../../src/panel/actions/snippets';

const KEY = 'actions:drawer-height';

beforeEach(() => {
  drawerHeight.value = DEFAULT_DRAWER_HEIGHT;
});

describe('parsing a stored height', () => {
  it('accepts a height in pixels, rounded', () => {
    expect(parseStoredDrawerHeight(180)).toBe(180);
    expect(parseStoredDrawerHeight(180.4)).toBe(180);
  });

  it('refuses what is not a finite number', () => {
    for (const value of [
      undefined,
      null,
      '180',
      '180px',
      true,
      {},
      [180],
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ]) {
      expect(parseStoredDrawerHeight(value)).toBeNull();
    }
  });

  it('refuses heights no splitter could have set: negative, zero, smaller than the head, larger than any screen', () => {
    for (const value of [-180, 0, 5, 1e6, Number.MAX_VALUE]) expect(parseStoredDrawerHeight(value)).toBeNull();
  });
});

describe('drawer height in storage', () => {
  it('restores a stored height, and keeps the default for damaged values', async () => {
    const storage = createMemoryStorage();
    await restoreDrawerHeight(storage);
    expect(drawerHeight.value).toBe(DEFAULT_DRAWER_HEIGHT);
    storage.data.set(KEY, 'tall');
    await restoreDrawerHeight(storage);
    expect(drawerHeight.value).toBe(DEFAULT_DRAWER_HEIGHT);
    storage.data.set(KEY, 140);
    await restoreDrawerHeight(storage);
    expect(drawerHeight.value).toBe(140);
  });

  it('saves the height the user settled on', async () => {
    const storage = createMemoryStorage();
    saveDrawerHeight(storage, 175);
    await Promise.resolve();
    expect(storage.data.get(KEY)).toBe(175);
  });

  it('a resize made while the stored height is being read wins', async () => {
    let answer: (value: unknown) => void = () => undefined;
    const slow: KeyValueStorage = {
      get: () => new Promise((resolve) => (answer = resolve)),
      set: async () => undefined,
    };
    const restoring = restoreDrawerHeight(slow);
    resizeDrawer(120);
    answer(300);
    await restoring;
    expect(drawerHeight.value).toBe(120);
  });

  it('keeps resizing when storage fails', async () => {
    const broken: KeyValueStorage = { get: () => Promise.reject(new Error('gone')), set: () => Promise.reject(new Error('gone')) };
    await restoreDrawerHeight(broken);
    resizeDrawer(150);
    saveDrawerHeight(broken, 150);
    await Promise.resolve();
    expect(drawerHeight.value).toBe(150);
  });
});
