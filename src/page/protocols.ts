/** The subprotocols a page asked for, as the capture records them, read without running page code where it can be avoided. */
import { LIMITS } from '../shared/limits';
import type { Natives } from './natives';

/** A string, or an array read by index (a missing index would be looked up on Array.prototype, so only up to its length). */
export function requestedProtocols(n: Natives, requested: unknown): string[] {
  const protocols: string[] = [];
  if (typeof requested === 'string') protocols[0] = requested;
  else if (n.apply(n.isArray, null, [requested])) {
    const list = requested as unknown[];
    for (let i = 0; i < list.length && i < LIMITS.protocols; i++) {
      const p = list[i];
      protocols[i] = typeof p === 'string' ? p : '(non-string)';
    }
  }
  return protocols;
}
