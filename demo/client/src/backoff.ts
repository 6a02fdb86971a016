// Exponential backoff: base, 2*base, 4*base, ... capped at maxMs.

/** Delay before reconnection attempt number `attempt` (1-based). */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(maxMs, baseMs * 2 ** exponent);
}
