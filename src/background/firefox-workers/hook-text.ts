/**
 * The worker hook's text (dist/firefox/worker-hook.js, built from src/worker by scripts/build.mjs) with one
 * script's configuration written in. The build checks that the bundle holds no line terminator, so it never moves
 * a line of the worker's script; it is checked again here, with the placeholder, before anything is rewritten.
 */
import type { WorkerKind } from '../../shared/fields';

export const HOOK_FILE = 'worker-hook.js';
const PLACEHOLDERS = ['"__SOCKETSCOPE_WORKER_CONFIG__"', "'__SOCKETSCOPE_WORKER_CONFIG__'", '`__SOCKETSCOPE_WORKER_CONFIG__`'];
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

export interface HookConfig {
  name: string;
  kind: WorkerKind;
  probe: string;
}

export type HookTemplate = (config: HookConfig) => Uint8Array;

/** A template from the bundle's text, or why the bundle cannot be used (then no worker is rewritten). */
export function hookTemplate(bundle: string): HookTemplate | string {
  const text = bundle.replace(/\s+$/, '');
  if (LINE_TERMINATOR.test(text)) return 'the worker hook bundle spans several lines';
  const placeholder = PLACEHOLDERS.find((p) => text.split(p).length === 2);
  if (!placeholder) return 'the worker hook bundle has no single configuration placeholder';
  const [before, after] = text.split(placeholder);
  // Ends with a semicolon: a worker script that starts with "(" or "[" must not continue our last expression.
  const tail = after.endsWith(';') ? after : `${after};`;
  const encoder = new TextEncoder();
  // JSON is a JS object literal; JSON.stringify escapes U+2028/2029 never, but the values are hex and fixed words.
  return (config) => encoder.encode(`${before}${JSON.stringify(config)}${tail}`);
}
