/**
 * The panel's side of the search worker: sends batches of payloads and waits for their matches,
 * with a watchdog. A batch that takes longer than the watchdog means a runaway regular expression:
 * the worker is terminated (the only way to stop it) and the search reports why.
 */
import type { SearchBatch, SearchQuery } from './match-texts';
import type { FromSearchWorker, ToSearchWorker } from './search-worker';

/** Matches one batch; rejects with a message for the user when the search cannot go on. */
export type MatchBatch = (batch: SearchBatch) => Promise<Uint8Array>;

export interface BatchMatcher {
  match: MatchBatch;
  /** Stops the worker; pending batches reject. */
  dispose(): void;
}

/** Far above what a batch of at most a few MB takes with any sane pattern, even on a loaded machine. */
export const WATCHDOG_MS = 5000;

export function createWorkerMatcher(query: SearchQuery, watchdogMs = WATCHDOG_MS): BatchMatcher {
  const worker = new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module' });
  let nextId = 1;
  const pending = new Map<number, { resolve: (m: Uint8Array) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }>();

  const failAll = (message: string) => {
    for (const { reject, timer } of pending.values()) {
      clearTimeout(timer);
      reject(new Error(message));
    }
    pending.clear();
  };
  const dispose = () => {
    worker.terminate();
    failAll('the search was stopped');
  };

  worker.onmessage = (event: MessageEvent<FromSearchWorker>) => {
    const reply = event.data;
    const entry = pending.get(reply.id);
    if (!entry) return;
    pending.delete(reply.id);
    clearTimeout(entry.timer);
    if ('error' in reply) entry.reject(new Error(reply.error));
    else entry.resolve(reply.matches);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    worker.terminate();
    failAll(`the search worker failed: ${event.message || 'unknown error'}`);
  };

  const match: MatchBatch = (batch) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        worker.terminate();
        failAll(
          `the pattern ran for more than ${watchdogMs / 1000} s on one batch of messages and was stopped (a regular expression with nested repetition can take exponential time)`,
        );
      }, watchdogMs);
      pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, query, batch } satisfies ToSearchWorker);
    });

  return { match, dispose };
}
