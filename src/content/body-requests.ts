/**
 * The relay's requests for long text bodies kept in the page hook (src/page/bodies.ts): each is numbered, posted
 * as `{c: 'body'}` on the page port and settled by the hook's answer, or failed with the reason when the hook does
 * not answer within LIMITS.pageBodyWaitMs (so the panel hears why before its own wait ends). Bounded: past
 * LIMITS.pageBodyRequests waiting, the oldest fails.
 */
import { LIMITS } from '../shared/limits';
import type { ToPage } from '../shared/page-commands';

export interface BodyRequests {
  /** The text of kept body `id`, or null when the hook let it go (trimmed); rejects when the hook did not answer. */
  ask(id: number): Promise<string | null>;
  /** The hook answered request `request` (null: it no longer has the body). */
  answered(request: number, text: string | null): void;
}

export function createBodyRequests(
  post: (message: ToPage) => void,
  waitMs: number = LIMITS.pageBodyWaitMs,
  cap: number = LIMITS.pageBodyRequests,
): BodyRequests {
  let last = 0;
  // Map keeps insertion order: the first entry is the oldest request.
  const waiting = new Map<number, { settle: (text: string | null | Error) => void; timer: ReturnType<typeof setTimeout> }>();
  const settle = (request: number, outcome: string | null | Error) => {
    const entry = waiting.get(request);
    if (!entry) return; // answered late, after the wait ended
    waiting.delete(request);
    clearTimeout(entry.timer);
    entry.settle(outcome);
  };
  return {
    ask(id) {
      const request = ++last;
      return new Promise((resolve, reject) => {
        if (waiting.size >= cap) {
          settle(waiting.keys().next().value as number, new Error(`more than ${cap} bodies were asked for at once`));
        }
        const timer = setTimeout(() => settle(request, new Error(`the page did not answer within ${waitMs / 1000} s`)), waitMs);
        waiting.set(request, { settle: (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome)), timer });
        post({ c: 'body', request, id });
      });
    },
    answered: settle,
  };
}
