/**
 * Serialises a document like JSON.stringify, but as many strings (Blob parts): a large capture as one
 * string could pass the engine's maximum string length. Long arrays get one element per line, which
 * also keeps the file readable and greppable; everything else is written compactly. The walk is a
 * generator that pauses after each long-array element, so that a big export can yield to the UI.
 */
import { type ChunkOptions, throwIfAborted, yieldToEventLoop } from '../log-format/chunked';

const LONG = 16;

function hasLongArray(value: object): boolean {
  // for…in rather than Object.values: this runs once per event, and allocating an array each time shows.
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    if (Array.isArray(v) && v.length > LONG) return true;
  }
  return false;
}

const isBranch = (value: unknown): boolean =>
  Array.isArray(value) ? value.length > LONG : value !== null && typeof value === 'object' && hasLongArray(value);

function* emit(value: unknown, out: string[], indent: string): Generator<void> {
  if (Array.isArray(value) && value.length > LONG) {
    const inner = `${indent}  `;
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      out.push(i ? `,\n${inner}` : `\n${inner}`);
      // JSON.stringify writes null for undefined array elements (and functions); `?? 'null'` does the same.
      const item = value[i];
      // Leaves (most elements) are written directly: a nested generator per element would cost more than the write.
      if (isBranch(item)) yield* emit(item, out, inner);
      else out.push(JSON.stringify(item) ?? 'null');
      yield;
    }
    out.push(`\n${indent}]`);
    return;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && hasLongArray(value)) {
    const inner = `${indent}  `;
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
    out.push('{');
    for (let i = 0; i < entries.length; i++) {
      out.push(`${i ? ',' : ''}\n${inner}${JSON.stringify(entries[i][0])}: `);
      yield* emit(entries[i][1], out, inner);
    }
    out.push(`\n${indent}}`);
    return;
  }
  out.push(JSON.stringify(value) ?? 'null');
}

export function jsonParts(value: unknown): string[] {
  const out: string[] = [];
  for (const _ of emit(value, out, '')) {
    // Run through: the synchronous form does not pause.
  }
  out.push('\n');
  return out;
}

/** The same, yielding to the event loop every few milliseconds. */
export async function jsonPartsChunked(value: unknown, options: ChunkOptions = {}): Promise<string[]> {
  const out: string[] = [];
  const it = emit(value, out, '');
  const budget = options.budgetMs ?? 12;
  for (;;) {
    throwIfAborted(options.signal);
    const until = performance.now() + budget;
    let n = 0;
    let r = it.next();
    // The clock is read every 256 steps only.
    while (!r.done && (++n & 255 || performance.now() < until)) r = it.next();
    if (r.done) break;
    await yieldToEventLoop();
  }
  out.push('\n');
  return out;
}
