/**
 * Exceptions that pass through our proxies. The page must get the browser's own exception; in V8
 * its stack would also name our proxy's trap, so that line is taken out through V8's own stack
 * accessor pair, which leaves the error's shape unchanged. SpiderMonkey keeps `stack` on
 * Error.prototype, where the same rewrite would add an own property: there the frame stays.
 */
import { LIMITS } from '../shared/limits';
import type { Natives } from './natives';
import { accessor, pageFormatsStacks, scriptOf, splitLines } from './stack';

/** Returns `error`, rid of the stack lines that point at our script `own`. Never throws. */
export function cleanError(n: Natives, error: unknown, own: string): unknown {
  try {
    if (own === '' || typeof error !== 'object' || error === null) return error;
    const d = n.getOwnPropertyDescriptor(error, 'stack');
    if (!d || !accessor(n, d, 'get') || !accessor(n, d, 'set') || pageFormatsStacks(n)) return error;
    const raw = n.apply(d.get as () => unknown, error, []);
    if (typeof raw !== 'string') return error;
    const lines = splitLines(n, raw, LIMITS.pageStackLines);
    let out = '';
    let removed = false;
    for (let i = 0; i < lines.length; i++) {
      if (scriptOf(n, lines[i]) === own) removed = true;
      else out += (i > 0 && out !== '' ? '\n' : '') + lines[i];
    }
    if (removed) n.apply(d.set as (v: string) => void, error, [out]);
  } catch {
    // leave the error as the browser made it
  }
  return error;
}

/** "Name: message" of an exception, for the capture. */
export function describeError(n: Natives, error: unknown): string {
  try {
    const e = error as { name?: unknown; message?: unknown };
    return n.apply(n.stringSlice, `${n.String(e.name)}: ${n.String(e.message)}`, [0, LIMITS.pageErrorText]) as string;
  } catch {
    return 'unknown error';
  }
}
