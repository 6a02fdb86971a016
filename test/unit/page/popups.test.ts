/** window.open's stand-in: which opened windows get the hook, which are reported, and what the page gets back. */
import { describe, expect, it } from 'vitest';
import { watchOpenedWindows } from '../../../src/page/popups';
import { testNatives } from './fixtures';

interface Calls {
  hooked: unknown[];
  unreachable: string[];
}

/** A window of our own whose `open` returns what `opened` gives for the call's arguments. */
function setUp(opened: (...args: unknown[]) => unknown) {
  const native = function open(..._args: unknown[]) {
    return opened(..._args);
  };
  const win = {} as Record<string, unknown>;
  Object.defineProperty(win, 'open', { value: native, writable: true, enumerable: true, configurable: true });
  const n = testNatives({ win: win as unknown as typeof globalThis, hasOwn: Object.prototype.hasOwnProperty });
  const masks = new WeakMap<object, string>();
  const calls: Calls = { hooked: [], unreachable: [] };
  watchOpenedWindows(n, masks, 'chrome-extension://abc/hook.js', {
    onWindow: (w) => calls.hooked.push(w),
    onUnreachable: (why) => calls.unreachable.push(why),
  });
  const open = win.open as (...args: unknown[]) => unknown;
  return { win, native, open, masks, calls };
}

const sameOrigin = () => ({ WebSocket: function WebSocket() {} });

describe('window.open stand-in', () => {
  it('takes the native’s place with the same descriptor and prints as the native', () => {
    const { win, native, open, masks } = setUp(sameOrigin);
    expect(open).not.toBe(native);
    expect(Object.getOwnPropertyDescriptor(win, 'open')).toEqual({ value: open, writable: true, enumerable: true, configurable: true });
    expect(masks.get(open as object)).toBe(Function.prototype.toString.call(native));
    expect([(open as { name: string }).name, (open as { length: number }).length]).toEqual(['open', 0]);
  });

  it('hooks a same-origin window that stays on about:blank, and returns that very window', () => {
    for (const args of [[], [undefined], [''], ['', 'name', 'popup']]) {
      const popup = sameOrigin();
      const { open, calls } = setUp(() => popup);
      expect(open(...args)).toBe(popup);
      expect(calls).toEqual({ hooked: [popup], unreachable: [] });
    }
  });

  it('leaves a window opened on a URL alone (its document keeps that window), without converting the URL', () => {
    let conversions = 0;
    const url = {
      toString() {
        conversions++;
        return '/page';
      },
    };
    for (const first of ['/page', 'about:blank', url, null]) {
      const popup = sameOrigin();
      const { open, calls } = setUp(() => popup);
      expect(open(first)).toBe(popup);
      expect(calls).toEqual({ hooked: [], unreachable: [] });
    }
    expect(conversions).toBe(0);
  });

  it('reports no window (noopener, blocked) and a cross-origin window, and still returns them', () => {
    const { open, calls } = setUp(() => null);
    expect(open('', '_blank', 'noopener')).toBeNull();
    const crossOrigin = new Proxy(
      {},
      {
        getOwnPropertyDescriptor() {
          throw new DOMException('Blocked a frame', 'SecurityError');
        },
      },
    );
    const cross = setUp(() => crossOrigin);
    expect(cross.open('')).toBe(crossOrigin);
    expect(calls.unreachable).toEqual(['window.open() returned no window (noopener, or a blocked popup)']);
    expect(cross.calls).toEqual({ hooked: [], unreachable: ['window.open() returned a cross-origin window'] });
  });

  it('runs no page getter on the window it got back, and hooks only a window whose WebSocket is a plain function', () => {
    let reads = 0;
    const popup = {};
    Object.defineProperty(popup, 'WebSocket', {
      get() {
        reads++;
        return function WebSocket() {};
      },
    });
    const { open, calls } = setUp(() => popup);
    expect(open('')).toBe(popup);
    expect(reads).toBe(0);
    expect(calls).toEqual({ hooked: [], unreachable: [] });
  });

  it('throws the native’s own exception, and a handler that throws never reaches the page', () => {
    const error = new DOMException("Unable to open a window with invalid URL 'http://['.", 'SyntaxError');
    const { open, calls } = setUp(() => {
      throw error;
    });
    expect(() => open('http://[')).toThrow(error);
    expect(calls).toEqual({ hooked: [], unreachable: [] });

    const popup = sameOrigin();
    const win = {} as Record<string, unknown>;
    Object.defineProperty(win, 'open', { value: () => popup, writable: true, enumerable: true, configurable: true });
    const n = testNatives({ win: win as unknown as typeof globalThis, hasOwn: Object.prototype.hasOwnProperty });
    watchOpenedWindows(n, new WeakMap(), '', {
      onWindow: () => {
        throw new Error('ours');
      },
      onUnreachable: () => undefined,
    });
    expect((win.open as () => unknown)()).toBe(popup);
  });
});
