/**
 * Dotted JSON paths with [n] indexes (`data.items[0].id`) as message rules use them: parsed once when a
 * rule arrives (the panel validates with the same parser), then read, set or deleted on a parsed frame.
 * Written for the page world too: no method of a string or an array is called (they are the page's).
 * Every step reads own fields only, so a frame's `{"__proto__": …}` or a page's prototype getters change nothing.
 */
import type { JsonOps } from './json-ops';

export type PathStep = string | number;

/** The steps of `path`, or why it does not parse. The empty path is the whole document. */
export function parseJsonPath(path: string): PathStep[] | string {
  const steps: PathStep[] = [];
  let i = 0;
  let expectName = true;
  while (i < path.length) {
    const c = path[i];
    if (c === '[') {
      let j = i + 1;
      let index = 0;
      while (j < path.length && path[j] >= '0' && path[j] <= '9' && j - i <= 9) index = index * 10 + +path[j++];
      if (j === i + 1 || path[j] !== ']') return `"${path}": [ must hold a whole number and end with ]`;
      steps[steps.length] = index;
      i = j + 1;
      expectName = false;
      if (i < path.length && path[i] !== '.' && path[i] !== '[') return `"${path}": expected . or [ after ]`;
      continue;
    }
    if (c === '.') {
      if (expectName) return `"${path}": an empty name`;
      i++;
      expectName = true;
      if (i === path.length) return `"${path}": ends with .`;
      continue;
    }
    if (c === ']') return `"${path}": ] without [`;
    if (!expectName) return `"${path}": expected . or [`;
    let name = '';
    while (i < path.length && path[i] !== '.' && path[i] !== '[' && path[i] !== ']') name += path[i++];
    steps[steps.length] = name;
    expectName = false;
  }
  return steps;
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** The value at `steps`, or `found: false`. */
export function getJsonPath(
  ops: JsonOps,
  root: unknown,
  steps: readonly PathStep[],
  count = steps.length,
): { found: boolean; value: unknown } {
  let at: unknown = root;
  for (let i = 0; i < count; i++) {
    const step = steps[i];
    if (!isObject(at) || ops.isArray(at) !== (typeof step === 'number') || !ops.has(at, step)) return { found: false, value: undefined };
    at = (at as Record<PathStep, unknown>)[step];
  }
  return { found: true, value: at };
}

/** The container of the last step, or why there is none. */
function parentOf(ops: JsonOps, root: unknown, steps: readonly PathStep[]): object | string {
  const parent = getJsonPath(ops, root, steps, steps.length - 1); // no slice: Array.prototype is the page's
  if (!parent.found) return 'the path’s parent is not in the message';
  const last = steps[steps.length - 1];
  if (!isObject(parent.value) || ops.isArray(parent.value) !== (typeof last === 'number')) {
    return typeof last === 'number'
      ? 'the path indexes something that is not an array'
      : 'the path names a field of something that is not an object';
  }
  return parent.value;
}

/** Sets the value at `steps` (a new field, or an array element up to its end); returns the new root or why not. */
export function setJsonPath(ops: JsonOps, root: unknown, steps: readonly PathStep[], value: unknown): { root: unknown } | string {
  if (steps.length === 0) return { root: value };
  const parent = parentOf(ops, root, steps);
  if (typeof parent === 'string') return parent;
  const last = steps[steps.length - 1];
  if (typeof last === 'number' && last > (parent as unknown[]).length) return `index ${last} is past the array’s end`;
  ops.define(parent, last, value);
  return { root };
}

/** Deletes the field or array element at `steps` (later elements move down); returns why not, or null. */
export function deleteJsonPath(ops: JsonOps, root: unknown, steps: readonly PathStep[]): string | null {
  if (steps.length === 0) return 'the empty path is the whole message: use drop instead';
  const parent = parentOf(ops, root, steps);
  if (typeof parent === 'string') return parent;
  const last = steps[steps.length - 1];
  if (!ops.has(parent, last)) return 'the path is not in the message';
  if (typeof last === 'string') {
    delete (parent as Record<string, unknown>)[last];
    return null;
  }
  const list = parent as unknown[];
  for (let i = last; i + 1 < list.length; i++) ops.define(list, i, list[i + 1]);
  list.length = list.length - 1;
  return null;
}

/** JSON text of a parsed value, over own keys only (never a `toJSON`); throws past a deep nesting (the caller reports it). */
export function jsonText(ops: JsonOps, value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return ops.quote(value as string | number | boolean);
  let out: string;
  if (ops.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (ops.has(value, i) ? jsonText(ops, value[i]) : 'null');
    return `${out}]`;
  }
  const keys = ops.keys(value);
  out = '{';
  for (let i = 0; i < keys.length; i++) {
    out += `${i ? ',' : ''}${ops.quote(keys[i])}:${jsonText(ops, (value as Record<string, unknown>)[keys[i]])}`;
  }
  return `${out}}`;
}

/** Deep equality of two parsed JSON values (object key order does not matter). */
export function jsonEquals(ops: JsonOps, a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isObject(a) || !isObject(b) || ops.isArray(a) !== ops.isArray(b)) return false;
  if (ops.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEquals(ops, a[i], other[i])) return false;
    return true;
  }
  const keys = ops.keys(a);
  if (keys.length !== ops.keys(b).length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (!ops.has(b, key) || !jsonEquals(ops, (a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}
