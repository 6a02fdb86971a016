/**
 * Patches one window's WebSocket so that every socket reports its life to the channel, while the
 * page keeps seeing the native API: the constructor and the two methods are Proxies of the natives
 * (same name, length, statics, prototype and exceptions), instances are the browser's own sockets,
 * and our listeners are added first at construction, so page listeners keep their order.
 */
import { createActionContext } from './action-context';
import type { Channel } from './channel';
import { runCommand } from './commands';
import { cleanError } from './errors';
import { type Family, joinFamily } from './family';
import { watchChildWindows } from './frames';
import { answerProbes, hookAlreadyRuns } from './idempotency';
import { mask } from './masks';
import { createMethodProxies } from './method-proxies';
import { captureNatives, type Natives } from './natives';
import { createRecorder } from './recorder';
import { createSocketListeners } from './socket-listeners';
import { createSocketProxy } from './socket-proxy';
import { ownScript } from './stack';

export function install(win: typeof globalThis, connect: (n: Natives) => Channel, family?: Family): boolean {
  if (typeof win.WebSocket !== 'function') return false;
  const n = captureNatives(win);
  const stacks = family?.stacks ?? n;
  const own = family?.own ?? ownScript(n);
  if (hookAlreadyRuns(n, win, own, stacks)) return false;

  const kin = joinFamily(n, own, stacks, family);
  const { masks, sockets } = kin;
  const channel = connect(n);
  const recorder = createRecorder(n, own, channel, kin.ids);
  const { fault } = recorder;
  const actionContext = createActionContext(recorder, kin);

  const listeners = createSocketListeners(recorder, actionContext, sockets);
  const WebSocketProxy = createSocketProxy(recorder, kin, listeners, actionContext);
  const { sendProxy, closeProxy } = createMethodProxies(recorder);

  // Function.prototype.toString answers for our proxies as it would for the natives they stand for.
  const toStringProxy = new n.Proxy(n.fnToString, {
    apply(target, self, args) {
      const text = typeof self === 'function' ? (n.apply(n.weakGet, masks, [self]) as string | undefined) : undefined;
      if (text !== undefined) return text;
      try {
        return n.apply(target, self, args);
      } catch (error) {
        throw cleanError(n, error, own);
      }
    },
  });
  mask(n, masks, WebSocketProxy, n.WebSocket);
  mask(n, masks, sendProxy, n.send);
  mask(n, masks, closeProxy, n.close);
  mask(n, masks, toStringProxy, n.fnToString);

  // Descriptors with a null prototype: defineProperty would otherwise read page getters such as Object.prototype.get.
  const replace = (owner: object, key: string, value: unknown) => {
    const desc = n.getOwnPropertyDescriptor(owner, key);
    if (desc) n.defineProperty(owner, key, { __proto__: null, ...desc, value } as PropertyDescriptor);
  };
  replace(win.Function.prototype, 'toString', toStringProxy);
  replace(n.wsProto, 'send', sendProxy);
  replace(n.wsProto, 'close', closeProxy);
  replace(n.wsProto, 'constructor', WebSocketProxy);
  replace(win, 'WebSocket', WebSocketProxy);
  answerProbes(n, win, own, stacks);

  // Same-origin child windows the page reaches first through their element get the hook from here.
  const settled = new n.WeakMap<object, boolean>();
  if (!family) channel.onCommand((command) => runCommand(actionContext, command));
  watchChildWindows(n, masks, own, (child) => {
    if (child === win) return;
    const ws = child.WebSocket; // throws for a cross-origin child, which the caller ignores
    if (typeof ws !== 'function' || n.apply(n.weakGet, settled, [ws])) return;
    n.apply(n.weakSet, settled, [ws, true]);
    try {
      // The child posts through our channel for its whole life; its own relay's offer stays untaken.
      install(child, () => channel, kin);
    } catch (error) {
      fault('child window', error);
    }
    n.apply(n.weakSet, settled, [child.WebSocket, true]);
  });
  return true;
}
