/**
 * Patches one window's WebSocket so that every socket reports its life to the channel, while the
 * page keeps seeing the native API: the constructor and the two methods are Proxies of the natives
 * (same name, length, statics, prototype and exceptions), instances are the browser's own sockets,
 * and our listeners are added first at construction, so page listeners keep their order.
 * WebSocketStream, where the browser has it, gets the same treatment (stream-proxy.ts).
 *
 * install() is the list of steps, in an order that matters: natives first, the probe for another
 * copy before anything is changed, and the window patched only once every stand-in is ready.
 */
import { createActionContext } from './action-context';
import type { Channel } from './channel';
import { runCommand } from './commands';
import { type Family, joinFamily } from './family';
import { watchChildWindows } from './frames';
import { answerProbes, hookAlreadyRuns } from './idempotency';
import { createMethodProxies, type Recorder } from './method-proxies';
import { captureNatives, type Natives } from './natives';
import { watchOpenedWindows } from './popups';
import { createRecorder } from './recorder';
import { createRuleHooks } from './rules/engine';
import { createSocketListeners } from './socket-listeners';
import { createSocketProxy } from './socket-proxy';
import { ownScript } from './stack';
import { createStreamProxies } from './stream-proxy';
import { createToStringProxy, maskStandIns, putOnWindow, putStreamOnWindow } from './window-patch';
import { listenToWorkers } from './worker-listener';

/** `ownOverride` replaces the script name read from the stack: a worker's hook shares its script with the worker's code (src/worker). */
export function install(win: typeof globalThis, connect: (n: Natives) => Channel, family?: Family, ownOverride?: string): boolean {
  if (typeof win.WebSocket !== 'function') return false;
  // First: every later step calls only these, saved before any page script can replace them.
  const n = captureNatives(win);
  const stacks = family?.stacks ?? n;
  const own = family?.own ?? ownOverride ?? ownScript(n);
  // A window that a parent's hook already installed (see frames.ts) is not patched twice.
  if (hookAlreadyRuns(n, win, own, stacks)) return false;

  // A window installed by its parent's hook shares the parent's toString table, socket ids and user actions.
  const kin = joinFamily(n, own, stacks, family);
  const channel = connect(n);
  const recorder = createRecorder(n, own, channel, kin.ids);
  const actionContext = createActionContext(recorder, kin);
  // Message rules: their state is the family's (one list, one hold numbering), their hooks this window's.
  const ruleHooks = createRuleHooks(recorder, kin.actions.msg);
  const listeners = createSocketListeners(recorder, actionContext, kin.sockets, ruleHooks);

  // The stand-ins for the natives: made, given the natives' source text, then put in the natives' places.
  const socketProxy = createSocketProxy(recorder, kin, listeners, actionContext);
  const { sendProxy, closeProxy } = createMethodProxies(recorder, kin.actions.msg, ruleHooks);
  const standIns = {
    WebSocket: socketProxy,
    send: sendProxy,
    close: closeProxy,
    toString: createToStringProxy(n, kin.masks, own),
  };
  const streamStandIns = createStreamProxies(recorder, kin, actionContext);
  maskStandIns(n, kin.masks, standIns);
  putOnWindow(n, win, standIns);
  if (streamStandIns) putStreamOnWindow(n, kin.masks, win, streamStandIns);
  // Only once our own WebSocket is in place may a later copy of our script learn that it need not install.
  answerProbes(n, win, own, stacks);

  // Only the hook that opened the channel takes its commands: a child installed from here shares the channel and
  // the sockets, so this window's actions reach the child's sockets too.
  if (!family) {
    channel.onCommand((command) => runCommand(actionContext, command));
    // Firefox: the sockets of this document's workers come through here (worker-listener.ts).
    listenToWorkers(n, channel, recorder.fault);
  }
  hookChildWindows(n, win, channel, kin, recorder);
  return true;
}

/**
 * Same-origin child windows the page reaches first through their element (see frames.ts), and the windows it opens
 * (popups.ts), get the hook from here: their sockets are this window's capture.
 */
function hookChildWindows(n: Natives, win: typeof globalThis, channel: Channel, kin: Family, recorder: Recorder): void {
  const settled = new n.WeakMap<object, boolean>();
  // By own descriptor, which throws for a cross-origin child (the caller ignores it) and runs no getter a page defined.
  const webSocketOf = (child: typeof globalThis): unknown => {
    const desc = n.getOwnPropertyDescriptor(child, 'WebSocket');
    return desc && n.apply(n.hasOwn, desc, ['value']) ? desc.value : undefined;
  };
  const hook = (child: typeof globalThis) => {
    if (child === win) return;
    const ws = webSocketOf(child);
    if (typeof ws !== 'function' || n.apply(n.weakGet, settled, [ws])) return;
    n.apply(n.weakSet, settled, [ws, true]);
    try {
      // The child posts through our channel for its whole life; its own relay's offer stays untaken.
      install(child, () => channel, kin);
    } catch (error) {
      recorder.fault('child window', error);
    }
    const installed = webSocketOf(child);
    if (typeof installed === 'function') n.apply(n.weakSet, settled, [installed, true]);
  };
  watchChildWindows(n, kin.masks, kin.own, hook);
  watchOpenedWindows(n, kin.masks, kin.own, {
    onWindow: hook,
    // Not a failure: such a window's sockets are captured by its own injection, in its own tab. The status bar says so.
    onUnreachable: (why) => recorder.note(`popup in its own tab: ${why}; its sockets are captured in that tab's panel`),
  });
}
