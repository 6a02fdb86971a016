/**
 * Runs the whole-payload search off the panel's main thread. A user's regular expression can take
 * exponential time; here the panel can stop it by terminating the worker, and the panel stays usable.
 */
import { compileQuery, matchBatch, type SearchBatch, type SearchQuery } from './match-texts';

export type ToSearchWorker = { id: number; query: SearchQuery; batch: SearchBatch };
export type FromSearchWorker = { id: number; matches: Uint8Array } | { id: number; error: string };

let compiled: { key: string; test: (text: string) => boolean } | null = null;

function tester(query: SearchQuery): ((text: string) => boolean) | string {
  const key = `${query.regex ? 'r' : 't'}:${query.text}`;
  if (compiled?.key === key) return compiled.test;
  const result = compileQuery(query);
  if (!result.ok) return result.error;
  compiled = { key, test: result.test };
  return result.test;
}

self.onmessage = (event: MessageEvent<ToSearchWorker>) => {
  const { id, query, batch } = event.data;
  let reply: FromSearchWorker;
  try {
    const test = tester(query);
    reply = typeof test === 'string' ? { id, error: test } : { id, matches: matchBatch(test, batch) };
  } catch (error) {
    reply = { id, error: (error as Error).message };
  }
  self.postMessage(reply);
};
