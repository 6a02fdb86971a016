/** Long loops in the panel yield to the event loop so that the UI (and its progress bar) stays live. */

/**
 * A macrotask turn. MessageChannel rather than setTimeout: timers in a hidden DevTools panel are
 * throttled to one per second, which would stall a long export or import.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export interface ChunkOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Milliseconds of work between yields: short enough for 60 fps-ish input handling. */
  budgetMs?: number;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DOMException('Cancelled', 'AbortError');
}

export const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';

/** Runs `fn` over `total` indices, yielding whenever the time budget is spent. */
export async function forEachChunked(total: number, fn: (index: number) => void, options: ChunkOptions = {}): Promise<void> {
  const budget = options.budgetMs ?? 12;
  let i = 0;
  while (i < total) {
    throwIfAborted(options.signal);
    const until = performance.now() + budget;
    // The clock is read once every 64 items: cheap items should not pay for performance.now().
    do fn(i++);
    while (i < total && ((i & 63) !== 0 || performance.now() < until));
    options.onProgress?.(i, total);
    if (i < total) await yieldToEventLoop();
  }
  throwIfAborted(options.signal);
}
