/**
 * One hook per window. A second copy of our script (the browser injecting a window that the parent's
 * hook already installed, see frames.ts) must learn synchronously that one runs, and stop. It asks
 * with a window event; only a copy of our own script may answer, and a copy answers only to our own
 * script. Who called is read from the call stack: a page that dispatches the probe gets no answer
 * (it cannot tell that we run), and a page that answers it cannot switch a hook off.
 */
import { HANDSHAKE } from '../shared/handshake';
import type { Natives } from './natives';
import { pageFormatsStacks, scriptOf, splitLines, stackOf } from './stack';

/**
 * Whether the function that called the caller of this one belongs to `own`. Stack lines: V8's
 * "Error" header, then this function, its caller, and the caller's caller. `n` is the realm our code
 * runs in: an error made by a child window's fresh realm may not show the parent's frames.
 */
function calledFromOwnScript(n: Natives, own: string): boolean {
  // A page-installed Error.prepareStackTrace would be handed our frames: then nothing is read.
  if (own === '' || pageFormatsStacks(n)) return false;
  try {
    const raw = stackOf(n, new n.Error());
    if (typeof raw !== 'string') return false;
    const lines = splitLines(n, raw, 12);
    const frames: string[] = [];
    // Lines without a script position (V8's header, builtins such as Reflect.apply) are not calls of ours or the page's.
    for (let i = 0; i < lines.length; i++) if (scriptOf(n, lines[i]) !== '') frames[frames.length] = lines[i];
    return frames.length >= 3 && scriptOf(n, frames[2]) === own;
  } catch {
    return false;
  }
}

/**
 * True when a copy of our script already runs in `win` (whose natives are `n`). `stacks` are the
 * natives of the realm this code runs in. Without readable stacks nothing can be verified, and the
 * hook installs: a doubled capture is better than none.
 */
export function hookAlreadyRuns(n: Natives, win: typeof globalThis, own: string, stacks: Natives): boolean {
  let answered = false;
  const confirm = () => {
    if (calledFromOwnScript(stacks, own)) answered = true;
  };
  n.apply(n.dispatchEvent, win, [new n.CustomEvent(HANDSHAKE.probe, { __proto__: null, detail: confirm } as CustomEventInit)]);
  return answered;
}

/** Answers the probes of later copies of our script, and no one else's. */
export function answerProbes(n: Natives, win: typeof globalThis, own: string, stacks: Natives): void {
  const answer = (event: Event) => {
    if (!calledFromOwnScript(stacks, own)) return;
    n.apply(n.stopImmediatePropagation, event, []);
    const confirm = n.apply(n.customDetail, event, []);
    if (typeof confirm === 'function') n.apply(confirm, undefined, []);
  };
  n.apply(n.addEventListener, win, [HANDSHAKE.probe, answer, true]);
}
