/**
 * Tests write page events by name, as the relay decodes them; this turns one into the array the hook posts,
 * reading the slot order and kind codes from the schema itself (shared/page-link.ts), so it cannot drift.
 */
import { type PageEvent, type PageEventTuple, pageEvent } from '../../../src/shared/page-link';
import { checker } from '../../../src/shared/validate';

type Named = { k: string } & Record<string, unknown>;

export function tupleOf(event: Named): PageEventTuple {
  const slots = (pageEvent.variants as Record<string, readonly (readonly [string, unknown])[]>)[event.k];
  const code = (pageEvent.codes as Record<string, number>)[event.k];
  return [code, ...slots.map(([name]) => event[name])] as PageEventTuple;
}

const decode = checker(pageEvent);
/** What the relay reads from an event the hook wrote (and a check that the hook wrote a valid one). */
export const decoded = (tuple: PageEventTuple): PageEvent => decode(tuple, 'event');
