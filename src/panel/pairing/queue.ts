/** A first-in first-out list with O(1) amortised push and shift (Array#shift is O(n) on large arrays). */
export interface Queue<T> {
  /** Slots before `head` are consumed and cleared, so that what they held can be collected at once. */
  items: (T | undefined)[];
  head: number;
}

export const emptyQueue = <T>(): Queue<T> => ({ items: [], head: 0 });

export const queueSize = (queue: Queue<unknown>): number => queue.items.length - queue.head;

export function enqueue<T>(queue: Queue<T>, item: T): void {
  queue.items.push(item);
}

export const peek = <T>(queue: Queue<T>): T | undefined => queue.items[queue.head];

export function shift<T>(queue: Queue<T>): T | undefined {
  if (queue.head >= queue.items.length) return undefined;
  const item = queue.items[queue.head];
  queue.items[queue.head] = undefined;
  queue.head++;
  // Drop the consumed part once it is most of the array, so that the array follows the live size.
  if (queue.head >= 1024 && queue.head * 2 >= queue.items.length) {
    queue.items = queue.items.slice(queue.head);
    queue.head = 0;
  }
  return item;
}

/** The items in order, oldest first. */
export const queued = <T>(queue: Queue<T>): T[] => queue.items.slice(queue.head) as T[];

/** Keeps only the items that pass, in order. */
export function retain<T>(queue: Queue<T>, keep: (item: T) => boolean): void {
  queue.items = queued(queue).filter(keep);
  queue.head = 0;
}
