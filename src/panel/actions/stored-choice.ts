/**
 * A user's choice kept in extension storage for the next session (the drawer's open state, its height).
 * Reading it back is asynchronous, so a choice the user makes while the read is pending wins over it.
 */
import type { KeyValueStorage } from './snippets';

export interface StoredChoice<T> {
  /** Call on each change the user makes. */
  changed(): void;
  /** Applies the stored value, unless it is not one this panel could have written or the user changed it meanwhile. */
  restore(storage: KeyValueStorage): Promise<void>;
  save(storage: KeyValueStorage, value: T): void;
}

export function storedChoice<T>(key: string, parse: (stored: unknown) => T | null, apply: (value: T) => void): StoredChoice<T> {
  let changes = 0;
  return {
    changed() {
      changes++;
    },
    async restore(storage) {
      const before = changes;
      let stored: unknown;
      try {
        stored = await storage.get(key);
      } catch {
        return; // storage unavailable: keep the default
      }
      const value = parse(stored);
      if (changes === before && value !== null) apply(value);
    },
    save(storage, value) {
      storage.set(key, value).catch(() => undefined); // not kept: the choice still holds for this session
    },
  };
}
