/** The drawer's open/closed choice: closed by default, restored from storage only when it is a boolean and not overtaken. */
import { beforeEach, describe, expect, it } from 'vitest';
import { drawerOpen, restoreDrawerOpen, setDrawerOpen } from '../../../src/panel/actions/drawer-open';
import { createMemoryStorage, type KeyValueStorage } from '../../../src/panel/actions/snippets';

const KEY = 'actions:drawer-open';

beforeEach(() => {
  drawerOpen.value = false;
});

describe('drawer open state', () => {
  it('stays closed when nothing, or something that is not a choice, was stored', async () => {
    const storage = createMemoryStorage();
    await restoreDrawerOpen(storage);
    expect(drawerOpen.value).toBe(false);
    storage.data.set(KEY, 'yes');
    await restoreDrawerOpen(storage);
    expect(drawerOpen.value).toBe(false);
  });

  it('a toggle made while the stored choice is being read wins', async () => {
    let answer: (value: unknown) => void = () => undefined;
    const slow: KeyValueStorage = {
      get: () => new Promise((resolve) => (answer = resolve)),
      set: async () => undefined,
    };
    const restoring = restoreDrawerOpen(slow);
    setDrawerOpen(slow, true);
    answer(false);
    await restoring;
    expect(drawerOpen.value).toBe(true);
  });

  it('keeps toggling when storage fails', async () => {
    const broken: KeyValueStorage = { get: () => Promise.reject(new Error('gone')), set: () => Promise.reject(new Error('gone')) };
    await restoreDrawerOpen(broken);
    setDrawerOpen(broken, true);
    expect(drawerOpen.value).toBe(true);
  });
});
