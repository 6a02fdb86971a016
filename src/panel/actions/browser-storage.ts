/** Snippet storage in browser.storage.local. Kept apart so that only the panel entry loads the polyfill. */
import browser from 'webextension-polyfill';
import type { KeyValueStorage } from './snippets';

export const browserStorage: KeyValueStorage = {
  async get(key) {
    const items = await browser.storage.local.get(key);
    return items[key];
  },
  set: (key, value) => browser.storage.local.set({ [key]: value }),
};
