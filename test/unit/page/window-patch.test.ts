/** Our proxies take the natives' places and print as the natives do. */
import { describe, expect, it } from 'vitest';
import type { Masks } from '../../../src/page/masks';
import { createToStringProxy, maskStandIns, putOnWindow, type StandIns } from '../../../src/page/window-patch';
import { testNatives } from './fixtures';

/** A window of our own making: a WebSocket whose send and close have the usual (writable, enumerable, configurable) descriptors. */
function fakeWindow() {
  function WebSocket() {}
  const wsProto = WebSocket.prototype as Record<string, unknown>;
  const methods = { send() {}, close() {} };
  Object.defineProperty(wsProto, 'send', { value: methods.send, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(wsProto, 'close', { value: methods.close, writable: true, enumerable: true, configurable: true });
  const win = { Function: { prototype: { toString: Function.prototype.toString } }, WebSocket } as unknown as typeof globalThis;
  const n = testNatives({ win, WebSocket: WebSocket as unknown as typeof globalThis.WebSocket, wsProto, ...methods } as never);
  return { n, win, wsProto };
}

function standInsFor(n: ReturnType<typeof fakeWindow>['n'], masks: Masks): StandIns {
  const passThrough = <T extends object>(target: T) => new Proxy(target, {});
  return {
    WebSocket: passThrough(n.WebSocket),
    send: passThrough(n.send),
    close: passThrough(n.close),
    toString: createToStringProxy(n, masks, 'chrome-extension://abc/hook.js'),
  };
}

describe('the window patch', () => {
  it('makes each stand-in print its native source, and leaves other functions as they print', () => {
    const { n } = fakeWindow();
    const masks: Masks = new WeakMap();
    const proxies = standInsFor(n, masks);
    maskStandIns(n, masks, proxies);
    const print = (f: unknown) => Reflect.apply(proxies.toString, f, []);
    // unmasked, a Proxy prints as anonymous native code: that is what the table hides
    expect(Function.prototype.toString.call(proxies.send)).toContain('[native code]');
    expect(print(proxies.WebSocket)).toBe(Function.prototype.toString.call(n.WebSocket));
    expect(print(proxies.send)).toBe(Function.prototype.toString.call(n.send));
    expect(print(proxies.toString)).toBe(Function.prototype.toString.call(Function.prototype.toString));
    const other = () => 'page code';
    expect(print(other)).toBe(Function.prototype.toString.call(other));
    expect(print(other)).toContain('page code');
    // the native's own exception, for a `this` that is no function
    expect(() => print({})).toThrow(TypeError);
  });

  it('swaps only the values: every descriptor keeps its native flags', () => {
    const { n, win, wsProto } = fakeWindow();
    const descriptor = (owner: object, key: string) => Object.getOwnPropertyDescriptor(owner, key);
    const keys: [object, string][] = [
      [win.Function.prototype, 'toString'],
      [wsProto, 'send'],
      [wsProto, 'close'],
      [wsProto, 'constructor'],
      [win, 'WebSocket'],
    ];
    const flags = keys.map(([owner, key]) => ({ ...descriptor(owner, key), value: undefined }));
    const proxies = standInsFor(n, new WeakMap());
    putOnWindow(n, win, proxies);
    expect(win.WebSocket).toBe(proxies.WebSocket);
    expect(wsProto.constructor).toBe(proxies.WebSocket);
    expect(wsProto.send).toBe(proxies.send);
    expect(wsProto.close).toBe(proxies.close);
    expect(win.Function.prototype.toString).toBe(proxies.toString);
    expect(keys.map(([owner, key]) => ({ ...descriptor(owner, key), value: undefined }))).toEqual(flags);
  });
});
