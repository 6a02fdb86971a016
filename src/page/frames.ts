/**
 * Child windows that a page reaches before the browser injects our scripts into them. A freshly
 * inserted <iframe src=…> shows its initial about:blank window at once, and neither Chromium nor
 * Firefox runs the manifest's content scripts there (they do for an iframe without src), so a page
 * can create an uncaptured socket through `frame.contentWindow.WebSocket`. The getters that hand out
 * child windows (contentWindow, contentDocument of iframe, frame and object elements) are therefore
 * Proxies of the natives that first install the hook into a same-origin child that has none.
 * Windows a page opens are watched in popups.ts. A window reached through `window[0]` or `frames[0]` is not
 * covered: those are indexed properties of the WindowProxy, which no script can intercept, and the only other
 * place to act, every way an <iframe> can enter a document (a dozen DOM methods, the innerHTML-like setters,
 * document.write, and the parser itself, which no script sees), cannot all be covered (see README, Known limits).
 */
import { cleanError } from './errors';
import type { Masks } from './masks';
import { mask } from './masks';
import type { Natives } from './natives';

const OWNERS = ['HTMLIFrameElement', 'HTMLFrameElement', 'HTMLObjectElement'] as const;

/** Called with each child window (same-origin or not) before its getter returns it. */
export type ChildHandler = (child: typeof globalThis) => void;

export function watchChildWindows(n: Natives, masks: Masks, own: string, onChild: ChildHandler): void {
  for (let i = 0; i < OWNERS.length; i++) {
    const proto = interfacePrototype(n, OWNERS[i]);
    if (!proto) continue;
    wrapGetter(n, masks, own, proto, 'contentWindow', onChild, false);
    wrapGetter(n, masks, own, proto, 'contentDocument', onChild, true);
  }
}

/** The prototype of a window's interface object, read from own data properties only. */
function interfacePrototype(n: Natives, name: string): object | undefined {
  const desc = n.getOwnPropertyDescriptor(n.win, name);
  const ctor: unknown = desc && n.apply(n.hasOwn, desc, ['value']) ? desc.value : undefined;
  if (typeof ctor !== 'function') return undefined;
  const proto = n.getOwnPropertyDescriptor(ctor, 'prototype');
  const value: unknown = proto?.value;
  return typeof value === 'object' && value !== null ? value : undefined;
}

function wrapGetter(n: Natives, masks: Masks, own: string, proto: object, key: string, onChild: ChildHandler, isDocument: boolean) {
  const desc = n.getOwnPropertyDescriptor(proto, key);
  if (!desc?.get) return;
  const getter = new n.Proxy(desc.get, {
    __proto__: null, // a page method on Object.prototype (get, has, apply…) would otherwise act as a trap
    apply(target, self, args) {
      let result: unknown;
      try {
        result = n.apply(target, self, args);
      } catch (error) {
        throw cleanError(n, error, own);
      }
      if (typeof result === 'object' && result !== null) {
        try {
          const child = isDocument ? n.apply(n.defaultView, result, []) : result;
          if (child) onChild(child as typeof globalThis);
        } catch {
          // a window we cannot reach: the browser's own injection covers it
        }
      }
      return result;
    },
  } as ProxyHandler<typeof desc.get>);
  mask(n, masks, getter, desc.get);
  n.defineProperty(proto, key, { __proto__: null, ...desc, get: getter } as PropertyDescriptor);
}
