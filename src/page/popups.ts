/**
 * Windows a page opens with window.open(). Measured in Chromium 156 and Firefox ESR 153: a popup that
 * stays on its initial about:blank (`open()`, `open('')`) gets the manifest's scripts synchronously,
 * before the call returns, so its sockets are captured in the popup's own tab; a popup opened on a URL
 * gets them in its new document, in its own tab too. `open` is a Proxy of the native so that, once the
 * native call has returned:
 * - a same-origin window that stays on about:blank is handed to `onWindow`, which installs the hook
 *   there when the browser has not (a no-op where it has);
 * - a window opened on a URL is left alone. Its initial about:blank window is the one its document
 *   will reuse (same origin), so a hook installed there would stay in the popup's own document and send
 *   its sockets to the opener's channel, lost when the opener goes, and absent from the popup's panel.
 *   Sockets the opener makes in that window before the document commits are therefore not captured
 *   (they belong to the initial document, which the popup's document replaces).
 * - no window (`noopener`, a blocked popup) or a cross-origin one is reported to `onUnreachable`.
 * The page gets the native's own result or exception; nothing else about the call changes.
 */
import { cleanError } from './errors';
import type { Masks } from './masks';
import { mask } from './masks';
import type { Natives } from './natives';

export interface OpenHandlers {
  /** A same-origin window the call returned; throws for one it cannot reach (the caller's fault to report). */
  onWindow(opened: typeof globalThis): void;
  /** The call opened a window the opener holds no reachable reference to. */
  onUnreachable(why: string): void;
}

export function watchOpenedWindows(n: Natives, masks: Masks, own: string, handlers: OpenHandlers): void {
  // `open` is an own property of the window (Window is a [Global] interface), read before any page script.
  const desc = n.getOwnPropertyDescriptor(n.win, 'open');
  const native: unknown = desc && n.apply(n.hasOwn, desc, ['value']) ? desc.value : undefined;
  if (!desc || typeof native !== 'function') return;
  const proxy = new n.Proxy(native, {
    __proto__: null, // a page method on Object.prototype (get, has, apply…) would otherwise act as a trap
    apply(target, self, args) {
      // Only a primitive is read (never converted: that would run page code twice). Any other value navigates.
      const staysBlank = args.length === 0 || args[0] === undefined || args[0] === '';
      let result: unknown;
      try {
        result = n.apply(target as (...a: unknown[]) => unknown, self, args);
      } catch (error) {
        throw cleanError(n, error, own);
      }
      report(n, result, staysBlank, handlers);
      return result;
    },
  } as ProxyHandler<typeof native>);
  mask(n, masks, proxy, native);
  n.defineProperty(n.win, 'open', { __proto__: null, ...desc, value: proxy } as PropertyDescriptor);
}

/** Never throws: whatever the new window does, the page gets its result. */
function report(n: Natives, result: unknown, staysBlank: boolean, handlers: OpenHandlers): void {
  try {
    if (result === null) {
      handlers.onUnreachable('window.open() returned no window (noopener, or a blocked popup)');
      return;
    }
    if (typeof result !== 'object') return;
    let webSocket: PropertyDescriptor | undefined;
    try {
      // A cross-origin window throws; a descriptor runs no page getter (an existing named window's page may define one).
      webSocket = n.getOwnPropertyDescriptor(result, 'WebSocket');
    } catch {
      handlers.onUnreachable('window.open() returned a cross-origin window');
      return;
    }
    const own = webSocket !== undefined && n.apply(n.hasOwn, webSocket, ['value']);
    if (staysBlank && own && typeof webSocket?.value === 'function') handlers.onWindow(result as typeof globalThis);
  } catch {
    // a handler's own failure is reported by the handler
  }
}
