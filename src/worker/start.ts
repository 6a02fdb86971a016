/**
 * Starts the worker hook in the worker's global scope, before any of the worker's own code. The background puts
 * one copy in front of each script of a worker it rewrote (a module worker's statically imported modules run
 * first, so they get one too): the first copy installs, the later ones learn so and stop. They ask with an event
 * whose type is a secret of this browser session, which worker code cannot know, so it can neither answer nor hear
 * the question. The page hook's install() does the rest, with this worker's channel.
 */
import { install } from '../page/install';
import { captureNatives } from '../page/natives';
import type { WorkerKind } from '../shared/fields';
import { openWorkerChannel } from './channel';

export interface WorkerHookConfig {
  /** The BroadcastChannel's random part, as the background named it for this script. */
  name: string;
  kind: WorkerKind;
  /** The session's secret event type for "does a copy run already?". */
  probe: string;
}

export function startWorkerHook(scope: typeof globalThis, config: WorkerHookConfig): void {
  if (typeof scope.WebSocket !== 'function' || typeof scope.BroadcastChannel !== 'function') return;
  const n = captureNatives(scope);
  let answered = false;
  const asked = new n.CustomEvent(config.probe, { __proto__: null, detail: () => (answered = true) } as CustomEventInit);
  n.apply(n.dispatchEvent, scope, [asked]);
  if (answered) return;
  // The stack cannot tell our code from the worker's (one script): no frame is taken out of stacks here.
  const installed = install(scope, (natives) => openWorkerChannel(natives, config.name, config.kind), undefined, '');
  if (!installed) return;
  n.apply(n.addEventListener, scope, [
    config.probe,
    (event: Event) => {
      n.apply(n.stopImmediatePropagation, event, []);
      const confirm = n.apply(n.customDetail, event, []);
      if (typeof confirm === 'function') n.apply(confirm, undefined, []);
    },
    true,
  ]);
}
