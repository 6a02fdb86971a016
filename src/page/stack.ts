/**
 * Reading stack traces without page code: the text of a socket's creation stack (trimmed, our own
 * frames dropped), and what names our own script in a stack line. V8 would call a page-installed
 * Error.prepareStackTrace with our frames, so in that case the stack is skipped rather than
 * revealing the hook. Strings are split and searched by hand: String.prototype belongs to the page.
 */
import { LIMITS } from '../shared/limits';
import type { Natives } from './natives';

const MAX_FRAMES = LIMITS.pageStackFrames;

/** What the line splitting and script naming use (the unit tests pass the test realm's own). */
export type StackNatives = Pick<Natives, 'apply' | 'stringSlice' | 'stringIndexOf' | 'stringLastIndexOf'>;
const EXTENSION_MARKERS = ['chrome-extension://', 'moz-extension://'] as const;

/** An error's stack through saved getters: V8 has an own accessor per error, SpiderMonkey one on Error.prototype. */
export function stackOf(n: Natives, error: object): unknown {
  const own = n.getOwnPropertyDescriptor(error, 'stack');
  if (own) return accessor(n, own, 'get') ? n.apply(own.get as () => unknown, error, []) : own.value;
  return n.errorProtoStack ? n.apply(n.errorProtoStack, error, []) : undefined;
}

/** A descriptor's getter or setter, read only when it is the descriptor's own: otherwise Object.prototype would answer. */
export const accessor = (n: Natives, desc: PropertyDescriptor, key: 'get' | 'set'): boolean =>
  (n.apply(n.hasOwn, desc, [key]) as boolean) && typeof desc[key] === 'function';

/** True when formatting a stack would call page code (V8's Error.prepareStackTrace). */
export const pageFormatsStacks = (n: Natives): boolean => n.getOwnPropertyDescriptor(n.Error, 'prepareStackTrace') !== undefined;

export function splitLines(n: StackNatives, raw: string, max: number): string[] {
  const lines: string[] = [];
  let start = 0;
  while (start <= raw.length && lines.length < max) {
    let end = n.apply(n.stringIndexOf, raw, ['\n', start]) as number;
    if (end < 0) end = raw.length;
    lines[lines.length] = n.apply(n.stringSlice, raw, [start, end]) as string;
    start = end + 1;
  }
  return lines;
}

const isDigit = (c: string) => c >= '0' && c <= '9';

/**
 * The script a stack line points at: "chrome-extension://…/hook.iife.js" from V8's
 * "    at Object.apply (chrome-extension://…/hook.iife.js:3:2335)", "<anonymous code>" from
 * SpiderMonkey's "apply@<anonymous code>:3:2335". Empty when the line has no ":line:column".
 */
export function scriptOf(n: StackNatives, line: string): string {
  let end = line.length;
  if (line[end - 1] === ')') end--;
  for (let k = 0; k < 2; k++) {
    let i = end - 1;
    while (i >= 0 && isDigit(line[i])) i--;
    if (i < 0 || i === end - 1 || line[i] !== ':') return '';
    end = i;
  }
  // The nearest "(" or "@" before the location, else the nearest space: native searches, as this runs for every
  // line of every new socket's stack, at first in V8's interpreter, where a loop per character costs.
  const from = end - 1;
  let start = max(lastIndex(n, line, '(', from), lastIndex(n, line, '@', from)) + 1;
  if (start === 0) start = lastIndex(n, line, ' ', from) + 1;
  return n.apply(n.stringSlice, line, [start, end]) as string;
}

const lastIndex = (n: StackNatives, line: string, c: string, from: number): number =>
  from < 0 ? -1 : (n.apply(n.stringLastIndexOf, line, [c, from]) as number);
const max = (a: number, b: number) => (a > b ? a : b);

/** The script this hook runs as, as stack lines name it; '' when it cannot be told. */
export function ownScript(n: Natives): string {
  try {
    if (pageFormatsStacks(n)) return '';
    const raw = stackOf(n, new n.Error());
    if (typeof raw !== 'string') return '';
    const lines = splitLines(n, raw, 4);
    for (let i = 0; i < lines.length; i++) {
      const script = scriptOf(n, lines[i]);
      if (script !== '') return script;
    }
  } catch {
    // no stacks here: nothing to hide
  }
  return '';
}

export function captureStack(n: Natives, own: string): string {
  try {
    if (pageFormatsStacks(n)) return '(stack hidden by the page)';
    const raw = stackOf(n, new n.Error());
    if (typeof raw !== 'string') return '';
    const lines = splitLines(n, raw, MAX_FRAMES + 8);
    // Drop the "Error" header (V8) and our own frames.
    let out = '';
    let kept = 0;
    for (let i = 0; i < lines.length && kept < MAX_FRAMES; i++) {
      const line = lines[i];
      if (line === 'Error' || line === '' || isOwnFrame(n, line, own)) continue;
      out += (kept ? '\n' : '') + line;
      kept++;
    }
    return out;
  } catch {
    return '';
  }
}

function isOwnFrame(n: StackNatives, line: string, own: string): boolean {
  // A line that does not hold our script's name cannot name it: the cheap native search comes first.
  if (own !== '' && (n.apply(n.stringIndexOf, line, [own]) as number) >= 0 && scriptOf(n, line) === own) return true;
  for (let m = 0; m < EXTENSION_MARKERS.length; m++) {
    if ((n.apply(n.stringIndexOf, line, [EXTENSION_MARKERS[m]]) as number) >= 0) return true;
  }
  return false;
}
