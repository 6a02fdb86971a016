/**
 * A cheap guard for the preview filter, which runs on the panel's main thread as the user types: a
 * regular expression with a repeated group that itself repeats, such as `(a+)+$`, can backtrack for
 * longer than the age of the universe on a 1 KiB preview. Such a pattern is refused there and can
 * still run as a whole-payload search, where a worker's watchdog stops it.
 */

/** `*`, `+` or `{n,}` / `{n,m}` with m > 1: repetition without a small bound. */
function quantifierAt(source: string, i: number): number {
  const c = source[i];
  if (c === '*' || c === '+') return 1;
  if (c !== '{') return 0;
  const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 24));
  if (!m) return 0;
  const unbounded = m[2] !== undefined && (m[3] === '' || Number(m[3]) > 1);
  return unbounded ? m[0].length : 0;
}

/** Why `source` is risky, or null. */
export function riskyPattern(source: string): string | null {
  // For each open group: whether something inside it repeats.
  const groups: boolean[] = [];
  const markRepeat = () => {
    if (groups.length) groups[groups.length - 1] = true;
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      if (quantifierAt(source, i + 1)) markRepeat();
      continue;
    }
    if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      if (quantifierAt(source, i + 1)) markRepeat();
      continue;
    }
    if (c === '(') {
      groups.push(false);
      continue;
    }
    if (c === ')') {
      const innerRepeats = groups.pop() ?? false;
      if (quantifierAt(source, i + 1)) {
        if (innerRepeats) return 'a repeated group contains a repetition (nested quantifiers can take exponential time)';
        markRepeat();
      } else if (innerRepeats) markRepeat();
      continue;
    }
    if (quantifierAt(source, i + 1)) markRepeat();
  }
  return null;
}
