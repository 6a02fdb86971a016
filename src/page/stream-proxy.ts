/**
 * WebSocketStream, where the browser has it: the constructor, `close` and the `opened` getter the page
 * gets are Proxies of the natives, so every instance is the browser's own stream (same exceptions,
 * prototype and statics). At construction we number it and watch its `opened` and `closed` promises
 * first (our reactions run before the page's); `opened` then resolves, for the page, to the browser's
 * values with our stand-in readable and writable (stream-shadow.ts). Dictionaries the page passes
 * (options, close info) are read by the browser through a Proxy that notes each member as it is read,
 * so page getters run once, in the browser's order. Handlers have no prototype: a page cannot add traps.
 */
import type { CloseVia } from '../shared/fields';
import { encode } from '../shared/page-tuples';
import type { ActionContext } from './commands';
import { refusingRule, ruleCount } from './commands';
import { cleanError } from './errors';
import type { Family, StreamHandle } from './family';
import { codeOf, type Recorder } from './method-proxies';
import { requestedProtocols } from './protocols';
import { captureStack } from './stack';
import type { StreamNatives } from './stream-natives';
import { describeStreamError, shadowStreams } from './stream-shadow';

export interface StreamStandIns {
  WebSocketStream: object;
  close: object;
  opened: object;
}

type Seen = Record<string, unknown>;

export function createStreamProxies(r: Recorder, family: Family, actionContext: ActionContext): StreamStandIns | undefined {
  const { n, own, channel, idOf, fault, time } = r;
  const s = n.stream;
  if (!s) return undefined;
  const opened = new n.WeakMap<object, Promise<unknown>>();
  const then = (p: unknown, ok: (v: never) => unknown, fail: (e: unknown) => unknown) => n.apply(s.promiseThen, p, [ok, fail]);
  const isObject = (v: unknown): v is object => (typeof v === 'object' && v !== null) || typeof v === 'function';

  /** A stand-in for a dictionary the browser reads: each member it reads is noted in `seen`. */
  const noting = (dictionary: object, seen: Seen) =>
    new n.Proxy(dictionary, {
      __proto__: null,
      get(target: object, key: string | symbol) {
        const value = n.apply(s.get, null, [target, key]);
        if (typeof key === 'string') seen[key] = value;
        return value;
      },
    } as ProxyHandler<object>);

  const withNoted = (args: unknown[], index: number, seen: Seen): unknown[] => {
    if (args.length <= index || !isObject(args[index])) return args;
    const passed = n.apply(n.arraySlice, args, []) as unknown[];
    passed[index] = noting(args[index] as object, seen);
    return passed;
  };

  const ended = (id: number) => (via: CloseVia, reason: unknown) =>
    channel.push(encode['close-call'](id, time(), undefined, typeof reason === 'string' ? reason : undefined, undefined, via));

  /** `opened` for the page: the browser's values, with our readable and writable (or the browser's, if ours fail). */
  const watchOpened = (stream: object, id: number, handle: StreamHandle, state: { opened: boolean }) => {
    let settle: { resolve(v: unknown): void; reject(e: unknown): void } | undefined;
    const ours = new s.Promise((resolve, reject) => {
      settle = { resolve, reject };
    });
    // The browser marks its own `opened` handled (a failed stream reports no unhandled rejection): so is ours.
    n.apply(s.promiseThen, ours, [undefined, () => undefined]);
    n.apply(n.weakSet, opened, [stream, ours]);
    then(
      n.apply(s.opened, stream, []),
      (value: { extensions: string; protocol: string; readable: ReadableStream; writable: WritableStream }) => {
        let result: unknown = value;
        try {
          state.opened = true;
          const { extensions, protocol } = value;
          channel.push(encode.open(id, time(), protocol, extensions));
          const ends = shadowStreams(r, s, id, value.readable, value.writable, ended(id));
          handle.inject = ends.inject;
          result = plainObject(r, [
            ['extensions', extensions],
            ['protocol', protocol],
            ['readable', ends.readable],
            ['writable', ends.writable],
          ]);
        } catch (error) {
          fault('stream open', error);
        }
        settle?.resolve(result);
      },
      (error) => {
        try {
          channel.push(encode.error(id, time(), describeStreamError(r, s, error)));
        } catch (inner) {
          fault('stream open', inner);
        }
        settle?.reject(error);
      },
    );
  };

  const watchClosed = (stream: object, id: number, state: { opened: boolean }) => {
    const done = () => delete family.streams[id];
    then(
      n.apply(s.closed, stream, []),
      (info: { closeCode: unknown; reason: unknown }) => {
        done();
        const { closeCode, reason } = info;
        const code = typeof closeCode === 'number' ? closeCode : 1005;
        channel.push(encode.close(id, time(), code, typeof reason === 'string' ? reason : '', true));
      },
      (error) => {
        done();
        try {
          // A failure before the handshake was reported by `opened`; a later one is reported here.
          if (state.opened) channel.push(encode.error(id, time(), describeStreamError(r, s, error)));
          const code = errorField(s.errorCode, error);
          const reason = errorField(s.errorReason, error);
          channel.push(encode.close(id, time(), typeof code === 'number' ? code : 1006, typeof reason === 'string' ? reason : '', false));
        } catch (inner) {
          fault('stream close', inner);
        }
      },
    );
  };

  const errorField = (getter: ((this: unknown) => unknown) | undefined, error: unknown): unknown => {
    try {
      return getter ? n.apply(getter, error, []) : undefined;
    } catch {
      return undefined; // not a WebSocketError (an AbortError, a page's reason)
    }
  };

  // Called straight from the trap, as socket-proxy.ts's track: each frame of ours takes a line of the page's stack.
  const track = (stream: object, seen: Seen) => {
    const id = channel.newId();
    n.apply(n.weakSet, family.ids, [stream, id]);
    const handle: StreamHandle = { stream: new n.WeakRef(stream), inject: undefined };
    family.streams[id] = handle;
    const url = n.apply(s.url, stream, []) as string;
    channel.push(
      encode.create(
        id,
        time(),
        url,
        requestedProtocols(n, seen.protocols),
        n.apply(n.locationHref, n.location, []),
        captureStack(n, own),
        'stream',
      ),
    );
    const state = { opened: false };
    watchOpened(stream, id, handle, state);
    watchClosed(stream, id, state);
    const rule = refusingRule(actionContext, url);
    if (rule) {
      // close() before the handshake fails the stream as a refused connection would: `opened` and `closed` reject.
      n.apply(s.close, stream, []);
      channel.push(encode.action(id, time(), 'refuse', `refused by rule "${rule.pattern}"`, undefined, ruleCount(n, rule)));
    }
  };

  const WebSocketStream = new n.Proxy(s.WebSocketStream, {
    __proto__: null,
    construct(target: typeof s.WebSocketStream, args: unknown[], newTarget: () => unknown) {
      const seen = n.create(null) as Seen;
      let stream: object;
      try {
        stream = n.construct(target as never, withNoted(args, 1, seen), newTarget) as object;
      } catch (error) {
        throw cleanError(n, error, own);
      }
      try {
        track(stream, seen);
      } catch (error) {
        fault('stream create', error);
      }
      return stream;
    },
  } as ProxyHandler<typeof s.WebSocketStream>);

  const close = new n.Proxy(s.close, {
    __proto__: null,
    apply(target: StreamNatives['close'], self: unknown, args: unknown[]) {
      const id = idOf(self);
      const seen = n.create(null) as Seen;
      try {
        n.apply(target, self, id === undefined ? args : withNoted(args, 0, seen));
      } catch (error) {
        try {
          if (id !== undefined)
            channel.push(encode['close-call'](id, time(), undefined, undefined, describeStreamError(r, s, error), undefined));
        } catch (inner) {
          fault('stream close', inner);
        }
        throw cleanError(n, error, own);
      }
      if (id !== undefined) {
        try {
          const reason = seen.reason;
          channel.push(
            encode['close-call'](id, time(), codeOf(seen.closeCode), typeof reason === 'string' ? reason : undefined, undefined, undefined),
          );
        } catch (error) {
          fault('stream close', error);
        }
      }
      return undefined;
    },
  } as ProxyHandler<StreamNatives['close']>);

  const openedGetter = new n.Proxy(s.opened, {
    __proto__: null,
    apply(target: StreamNatives['opened'], self: unknown, args: unknown[]) {
      let native: unknown;
      try {
        native = n.apply(target, self, args);
      } catch (error) {
        throw cleanError(n, error, own);
      }
      const ours = typeof self === 'object' && self !== null ? n.apply(n.weakGet, opened, [self]) : undefined;
      return ours ?? native;
    },
  } as ProxyHandler<StreamNatives['opened']>);

  return { WebSocketStream, close, opened: openedGetter };
}

/** An object like the browser's `opened` value: the page's Object.prototype, the same keys in the same order, data properties. */
function plainObject(r: Recorder, entries: [string, unknown][]): object {
  const { n } = r;
  const object = n.create(n.objectProto) as object;
  for (let i = 0; i < entries.length; i++) {
    // Indexed, not destructured: array destructuring would call the page's Array.prototype[Symbol.iterator].
    const value = entries[i][1];
    n.defineProperty(object, entries[i][0], {
      __proto__: null,
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    } as PropertyDescriptor);
  }
  return object;
}
