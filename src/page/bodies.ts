/**
 * Text bodies longer than their preview, kept in the hook instead of being cloned to the relay with every event:
 * the structured clone of each 1 MB string was about 18 % of the page's main thread in P1 (bench/PERFORMANCE.md).
 * The relay asks for one when the panel does. Bounded by LIMITS.pageBodyBudget: past it the oldest are let go,
 * and each trim is kept until the channel reports it to the relay with its next batch, so that the relay's
 * `trimmedBodies` and `trimmedBytes` stay exact.
 *
 * Bodies are numbered from 1 in the order kept, and only the oldest are ever let go, so they sit in one array by
 * number; no Map, whose methods belong to the page.
 */
import { LIMITS } from '../shared/limits';
import type { BodyTrim } from '../shared/page-link';
import type { Natives } from './natives';

export type BodyNatives = Pick<Natives, 'apply' | 'arraySlice'>;

export interface BodyStore {
  /** Keeps `text` and returns its number; past the budget the oldest bodies are let go (the newest never is). */
  keep(text: string): number;
  /** The body numbered `id`, or undefined once it was let go (or never was). */
  get(id: number): string | undefined;
  /** The trims since the last call, for the next batch (or the final hand-over); undefined when there were none. */
  takeTrims(): BodyTrim[] | undefined;
  /**
   * Lets go, uncounted, of every body up to `id` and forgets their trims: their events were dropped before the relay
   * connected, and that drop is reported already.
   */
  releaseUpTo(id: number): void;
}

/** What a body costs, as the relay's log counts a string: 2 bytes per UTF-16 unit. */
const costOf = (text: string) => text.length * 2;

/** Compacting slices the array; done when the let-go slots are many and more than half of it. */
const COMPACT_AT = 1024;

export function createBodyStore(n: BodyNatives, budget: number = LIMITS.pageBodyBudget): BodyStore {
  /** texts[i] is body `base + i`; those before `head` were let go. */
  let texts: (string | undefined)[] = [];
  let base = 1;
  let head = 0;
  let bytes = 0;
  let trims: BodyTrim[] = [];

  const letGoOfHead = (): number => {
    const cost = costOf(texts[head] as string);
    texts[head] = undefined;
    head++;
    bytes -= cost;
    return cost;
  };
  const compact = () => {
    if (head < COMPACT_AT || head * 2 < texts.length) return;
    texts = n.apply(n.arraySlice, texts, [head]) as (string | undefined)[];
    base += head;
    head = 0;
  };

  return {
    keep(text) {
      const id = base + texts.length;
      texts[texts.length] = text;
      bytes += costOf(text);
      while (bytes > budget && head < texts.length - 1) {
        const trimmedId = base + head;
        trims[trims.length] = { id: trimmedId, bytes: letGoOfHead() };
      }
      compact();
      return id;
    },
    get(id) {
      const i = id - base;
      return i >= head && i < texts.length ? texts[i] : undefined;
    },
    takeTrims() {
      if (trims.length === 0) return undefined;
      const out = trims;
      trims = [];
      return out;
    },
    releaseUpTo(id) {
      while (head < texts.length && base + head <= id) letGoOfHead();
      compact();
      let stale = 0;
      while (stale < trims.length && trims[stale].id <= id) stale++;
      if (stale > 0) trims = n.apply(n.arraySlice, trims, [stale]) as BodyTrim[];
    },
  };
}
