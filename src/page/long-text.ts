/**
 * A text payload longer than its preview leaves the page as what the panel's summary needs (the relay computed
 * these from the whole string before): the preview, the exact size in UTF-8 bytes, and the number of its body,
 * which stays in the hook's store (bodies.ts) until the relay asks for it. Everything else about the event (the
 * hash of a cut payload, a rule's effect, pairing hints the panel reads from the preview) is unchanged.
 */
import { utf8BytesFrom } from '../shared/codec';
import { LIMITS } from '../shared/limits';
import type { PageEventTuple } from '../shared/page-link';
import { carriesPayload, keptAt, PAYLOAD, sizeAt } from '../shared/page-tuples';
import type { BodyStore } from './bodies';
import type { Natives } from './natives';

export type LongTextNatives = Pick<Natives, 'apply' | 'bind' | 'charCodeAt' | 'stringSlice' | 'regExpExec' | 'RegExp'>;

const PREVIEW = LIMITS.previewChars;

/** Puts long text bodies in `store`; returns the step the channel runs on every event it is given. */
export function keepLongTexts(n: LongTextNatives, store: BodyStore): (event: PageEventTuple) => void {
  const ascii = asciiPrefix(n);
  return (event) => {
    if (!carriesPayload(event)) return;
    const text = event[PAYLOAD];
    if (typeof text !== 'string' || text.length <= PREVIEW) return;
    const sizeSlot = sizeAt(event);
    // A payload cut at the page's cap has its size (of the whole) already.
    const cutSize = event[sizeSlot];
    const size = typeof cutSize === 'number' ? cutSize : utf8Bytes(n, ascii, text);
    // Each event is one array literal with every slot present (page-tuples.ts): these are its own elements, and
    // writing them reaches no setter the page put on Array.prototype.
    event[PAYLOAD] = detach(n, text);
    event[sizeSlot] = size;
    event[keptAt(event)] = store.keep(text);
  };
}

/** The number of the body an event kept in the hook, or undefined. */
export const keptBy = (event: PageEventTuple): number | undefined => {
  if (!carriesPayload(event)) return undefined;
  const kept = event[keptAt(event)];
  return typeof kept === 'number' ? kept : undefined;
};

/**
 * The preview as a string of its own: V8's `slice` makes a view that keeps the whole (up to 1 MiB) payload alive,
 * which would outlive the body's trim in a batch kept for the hand-over. Concatenating flattens a copy.
 */
const detach = (n: LongTextNatives, text: string): string =>
  n.apply(n.stringSlice, ` ${n.apply(n.stringSlice, text, [0, PREVIEW]) as string}`, [1]) as string;

/**
 * Matches the ASCII prefix of a text. Made from the saved constructor and run with the saved exec only:
 * RegExp.prototype.test would look up `exec` on the page's prototype (and the page could read our text).
 * Non-global, so exec reads only its own lastIndex.
 */
export const asciiPrefix = (n: Pick<Natives, 'RegExp'>): RegExp => new n.RegExp('^[\\x00-\\x7f]*');

/**
 * The exact UTF-8 length, as the socket sends the text (a lone surrogate becomes U+FFFD, 3 bytes). The regular
 * expression finds the ASCII prefix (all of most payloads) several times faster than a loop; the loop does the rest.
 */
export function utf8Bytes(n: LongTextNatives, prefix: RegExp, text: string): number {
  const match = n.apply(n.regExpExec, prefix, [text]) as RegExpExecArray;
  const len = text.length;
  const start = match[0].length;
  if (start === len) return len;
  return utf8BytesFrom(start, len, n.apply(n.bind, n.charCodeAt, [text]) as (i: number) => number);
}
