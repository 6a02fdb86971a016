/** A first-in first-out list with O(1) amortised push and shift (Array#shift is O(n) on large arrays). */
export interface Queue<T> {
  items: T[];
  head: number;
}

export const emptyQueue = <T>(): Queue<T> => ({ items: [], head: 0 });

export const queueSize = (queue: Queue<unknown>): number => queue.items.length - queue.head;

export function enqueue<T>(queue: Queue<T>, item: T): void {
  queue.items.push(item);
}

export const peek = <T>(queue: Queue<T>): T | undefined => (queue.head < queue.items.length ? queue.items[queue.head] : undefined);

export function shift<T>(queue: Queue<T>): T | undefined {
  if (queue.head >= queue.items.length) return undefined;
  const item = queue.items[queue.head];
  queue.head++;
  // Let go of the consumed part once it is most of the array, so that memory follows the live size.
  if (queue.head >= 1024 && queue.head * 2 >= queue.items.length) {
    queue.items = queue.items.slice(queue.head);
    queue.head = 0;
  }
  return item;
}

/** Keeps only the items that pass, in order. */
export function retain<T>(queue: Queue<T>, keep: (item: T) => boolean): void {
  const kept: T[] = [];
  for (let i = queue.head; i < queue.items.length; i++) if (keep(queue.items[i])) kept.push(queue.items[i]);
  queue.items = kept;
  queue.head = 0;
}
