/** Small statistics for bench samples. */

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Linear-interpolated percentile (p in 0..100); NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * Runs `a` and `b` alternately, `runs` times each. The default ABBA order (A B, B A, A B...) makes a
 * drift of the machine's load weigh on both sides alike; 'abab' is for pairs that undo each other (apply
 * and clear a filter, select one row then another). Returns the samples of each side.
 */
export async function alternate<A, B>(
  runs: number,
  a: () => Promise<A>,
  b: () => Promise<B>,
  order: 'abba' | 'abab' = 'abba',
): Promise<{ a: A[]; b: B[] }> {
  const out = { a: [] as A[], b: [] as B[] };
  for (let i = 0; i < runs; i++) {
    if (order === 'abab' || i % 2 === 0) {
      out.a.push(await a());
      out.b.push(await b());
    } else {
      out.b.push(await b());
      out.a.push(await a());
    }
  }
  return out;
}

/** "lo–hi" of the samples, each rounded to `digits` (the spread a figure's median hides). */
export function range(values: readonly number[], digits = 0): string {
  if (values.length === 0) return 'no samples';
  return `${round(Math.min(...values), digits)}–${round(Math.max(...values), digits)}`;
}

/** "q1 / median / q3" of the samples, each rounded to `digits`. */
export function quartiles(values: readonly number[], digits = 2): string {
  return [25, 50, 75].map((p) => round(percentile(values, p), digits)).join(' / ');
}
