/**
 * Puts our proxies where the natives were, looking like them: Function.prototype.toString answers
 * for a proxy with its native's source text, and each property keeps its native descriptor (only the
 * value changes), so a page that inspects WebSocket or its methods sees what it would unpatched.
 */
import { cleanError } from './errors';
import { type Masks, mask } from './masks';
import type { Natives } from './natives';
import type { StreamStandIns } from './stream-proxy';

/** Our proxies, each standing in for the native of the same name. */
export interface StandIns {
  WebSocket: typeof WebSocket;
  send: WebSocket['send'];
  close: WebSocket['close'];
  toString: typeof Function.prototype.toString;
}

/** Function.prototype.toString answers for our proxies (those in `masks`) as it would for the natives they stand for. */
export function createToStringProxy(n: Natives, masks: Masks, own: string): StandIns['toString'] {
  return new n.Proxy(n.fnToString, {
    __proto__: null, // a page method on Object.prototype (get, has, apply…) would otherwise act as a trap
    apply(target, self, args) {
      const text = typeof self === 'function' ? (n.apply(n.weakGet, masks, [self]) as string | undefined) : undefined;
      if (text !== undefined) return text;
      try {
        return n.apply(target, self, args);
      } catch (error) {
        throw cleanError(n, error, own);
      }
    },
  } as ProxyHandler<typeof n.fnToString>);
}

/** Records each stand-in's native text, before any of them is put where the page can reach it. */
export function maskStandIns(n: Natives, masks: Masks, proxies: StandIns): void {
  mask(n, masks, proxies.WebSocket, n.WebSocket);
  mask(n, masks, proxies.send, n.send);
  mask(n, masks, proxies.close, n.close);
  mask(n, masks, proxies.toString, n.fnToString);
}

// Descriptors with a null prototype: defineProperty would otherwise read page getters such as Object.prototype.get.
function replace(n: Natives, owner: object, key: string, value: unknown): void {
  const desc = n.getOwnPropertyDescriptor(owner, key);
  if (desc) n.defineProperty(owner, key, { __proto__: null, ...desc, value } as PropertyDescriptor);
}

/** From here on the page's WebSocket, its two methods and every function's toString are ours. */
export function putOnWindow(n: Natives, win: typeof globalThis, proxies: StandIns): void {
  replace(n, win.Function.prototype, 'toString', proxies.toString);
  replace(n, n.wsProto, 'send', proxies.send);
  replace(n, n.wsProto, 'close', proxies.close);
  replace(n, n.wsProto, 'constructor', proxies.WebSocket);
  replace(n, win, 'WebSocket', proxies.WebSocket);
}

/** WebSocketStream's stand-ins (stream-proxy.ts): masked, then put where the natives were, each keeping its descriptor. */
export function putStreamOnWindow(n: Natives, masks: Masks, win: typeof globalThis, proxies: StreamStandIns): void {
  const s = n.stream;
  if (!s) return;
  mask(n, masks, proxies.WebSocketStream, s.WebSocketStream);
  mask(n, masks, proxies.close, s.close);
  mask(n, masks, proxies.opened, s.opened);
  const opened = n.getOwnPropertyDescriptor(s.proto, 'opened');
  if (opened) n.defineProperty(s.proto, 'opened', { __proto__: null, ...opened, get: proxies.opened } as PropertyDescriptor);
  replace(n, s.proto, 'close', proxies.close);
  replace(n, s.proto, 'constructor', proxies.WebSocketStream);
  replace(n, win, 'WebSocketStream', proxies.WebSocketStream);
}
