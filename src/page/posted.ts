/**
 * Batches posted to the relay that it has not yet acknowledged. A MessagePort message is delivered in
 * a later task, which a document that goes away (a removed iframe) never runs: on pagehide these are
 * handed over again, synchronously, and the relay skips the ones it already has. Bounded: the relay
 * acknowledges within about 50 ms, so past the cap the oldest (all but certainly delivered) are let go.
 */
import { LIMITS } from '../shared/limits';
import type { BodyTrim, PageBatch, PageEventTuple } from '../shared/page-link';
import { carriesPayload, PAYLOAD } from '../shared/page-tuples';
import type { Natives } from './natives';
import type { Arena } from './pack';

const RETAINED_EVENTS = LIMITS.pageRetainedEvents;
/**
 * Text kept alive by retained events, in UTF-16 code units, and packed bytes counted alike (payloads over
 * pack.ts's PACK_MAX are transferred, not kept).
 */
const RETAINED_TEXT = LIMITS.pageRetainedText;

/** A posted batch as the hook keeps it: with the arena its packed payloads point into, and the trims it reported. */
export interface PostedBatch extends Omit<PageBatch, 'pack'> {
  arena: Arena | null;
}

interface Retained extends PostedBatch {
  text: number;
}

/** The text a batch holds. */
function textOf(events: PageEventTuple[]): number {
  let text = 0;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    // Every event is an array literal of the hook's (page-tuples.ts): its elements are its own.
    if (carriesPayload(event) && typeof event[PAYLOAD] === 'string') text += event[PAYLOAD].length;
  }
  return text;
}

export interface PostedLog {
  /** Numbers a batch about to be posted and keeps it until acknowledged. */
  add(events: PageEventTuple[], arena: Arena | null, trimmed: BodyTrim[] | undefined): number;
  /** The relay has every batch up to `b`. */
  acknowledge(b: number): void;
  /** Hands over (and forgets) every batch not yet acknowledged. */
  take(): PostedBatch[];
}

export function createPostedLog(n: Natives): PostedLog {
  let batches: Retained[] = [];
  let events = 0;
  let text = 0;
  let last = 0;
  const forgetBefore = (index: number) => {
    for (let i = 0; i < index; i++) {
      events -= batches[i].events.length;
      text -= batches[i].text;
    }
    batches = n.apply(n.arraySlice, batches, [index]) as Retained[];
  };
  return {
    add(list, arena, trimmed) {
      const b = ++last;
      const batch: Retained = { b, events: list, arena, trimmed, text: textOf(list) + (arena ? arena.used : 0) };
      batches[batches.length] = batch;
      events += list.length;
      text += batch.text;
      let over = 0;
      let excessEvents = events - RETAINED_EVENTS;
      let excessText = text - RETAINED_TEXT;
      while ((excessEvents > 0 || excessText > 0) && over < batches.length - 1) {
        excessEvents -= batches[over].events.length;
        excessText -= batches[over++].text;
      }
      if (over > 0) forgetBefore(over);
      return b;
    },
    acknowledge(b) {
      let i = 0;
      while (i < batches.length && batches[i].b <= b) i++;
      if (i > 0) forgetBefore(i);
    },
    take() {
      const out: PostedBatch[] = batches;
      batches = [];
      events = 0;
      text = 0;
      return out;
    },
  };
}
