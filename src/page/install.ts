/**
 * Patches one window's WebSocket so that every socket reports its life to the channel, while the
 * page keeps seeing the native API: the constructor and the two methods are Proxies of the natives
 * (same name, length, statics, prototype and exceptions), instances are the browser's own sockets,
 * and our listeners are added first at construction, so page listeners keep their order.
 */
import { HANDSHAKE } from '../shared/handshake';
import type { Direction, PageEvent } from '../shared/protocol';
import type { Channel } from './channel';
import { captureNatives, type Natives } from './natives';
import { type Snapshot, snapshot } from './payload';
import { captureStack } from './stack';

const OPEN = 1;
const EVENT_TYPES = ['open', 'message', 'error', 'close'] as const;

export function install(win: typeof globalThis, connect: (n: Natives) => Channel): boolean {
  if (typeof win.WebSocket !== 'function') return false;
  // A second copy of the hook (a re-injection) learns synchronously that this one runs, and stops.
  const probe = new win.CustomEvent(HANDSHAKE.probe, { cancelable: true });
  win.dispatchEvent(probe);
  if (probe.defaultPrevented) return false;

  const n = captureNatives(win);
  const channel = connect(n);
  const ids = new n.WeakMap<object, number>();
  const maskedFunctions = new n.WeakMap<object, unknown>();
  let nextId = 0;
  const time = () => n.timeOrigin + n.now();

  const fault = (where: string, error: unknown) => {
    let message = where;
    try {
      message += `: ${n.String(error)}`;
    } catch {
      // an exotic thrown value; the location is enough
    }
    channel.push({ k: 'fault', t: time(), message: n.apply(n.stringSlice, message, [0, 500]) as string });
  };

  const idOf = (socket: unknown): number | undefined =>
    typeof socket === 'object' && socket !== null ? (n.apply(n.weakGet, ids, [socket]) as number | undefined) : undefined;

  const recordPayload = (id: number, dir: Direction, snap: Snapshot | null, failure?: string) => {
    if (!snap) return;
    const t = time();
    const event: PageEvent = failure
      ? { k: 'send-fail', id, t, data: snap.data, error: failure }
      : { k: 'msg', id, t, dir, data: snap.data };
    if (!failure && snap.size !== undefined && event.k === 'msg') {
      event.size = snap.size;
      if (snap.hash) event.hash = snap.hash;
    }
    channel.push(event, snap.transfer);
  };

  // One listener per event type, shared by all sockets; `this` is the socket.
  const listeners: Record<string, (this: WebSocket, event: Event) => void> = {
    open(this: WebSocket) {
      try {
        const id = idOf(this) as number;
        const protocol = n.apply(n.wsProtocol, this, []);
        const extensions = n.apply(n.wsExtensions, this, []);
        channel.push({ k: 'open', id, t: time(), protocol, extensions });
      } catch (error) {
        fault('open', error);
      }
    },
    message(this: WebSocket, event: Event) {
      try {
        recordPayload(idOf(this) as number, 'recv', snapshot(n, n.apply(n.messageData, event, [])));
      } catch (error) {
        fault('message', error);
      }
    },
    error(this: WebSocket) {
      try {
        channel.push({ k: 'error', id: idOf(this) as number, t: time() });
      } catch (error) {
        fault('error', error);
      }
    },
    close(this: WebSocket, event: Event) {
      try {
        channel.push({
          k: 'close',
          id: idOf(this) as number,
          t: time(),
          code: n.apply(n.closeCode, event, []),
          reason: n.apply(n.closeReason, event, []),
          wasClean: n.apply(n.closeWasClean, event, []),
        });
      } catch (error) {
        fault('close', error);
      }
    },
  };

  const track = (socket: WebSocket, args: unknown[]) => {
    const id = ++nextId;
    n.apply(n.weakSet, ids, [socket, id]);
    for (let i = 0; i < EVENT_TYPES.length; i++) {
      n.apply(n.addEventListener, socket, [EVENT_TYPES[i], listeners[EVENT_TYPES[i]]]);
    }
    const requested = args[1];
    const protocols: string[] = [];
    if (typeof requested === 'string') protocols[0] = requested;
    else if (n.apply(n.isArray, null, [requested])) {
      const list = requested as unknown[];
      for (let i = 0; i < list.length && i < 64; i++) {
        const p = list[i];
        protocols[i] = typeof p === 'string' ? p : '(non-string)';
      }
    }
    channel.push({
      k: 'create',
      id,
      t: time(),
      url: n.apply(n.wsUrl, socket, []),
      protocols,
      frameUrl: n.apply(n.locationHref, n.location, []),
      stack: captureStack(n),
    });
  };

  const WebSocketProxy = new n.Proxy(n.WebSocket, {
    construct(target, args, newTarget) {
      const socket = n.construct(target, args, newTarget) as WebSocket;
      try {
        track(socket, args);
      } catch (error) {
        fault('create', error);
      }
      return socket;
    },
  });

  const sendProxy = new n.Proxy(n.send, {
    apply(target, self, args) {
      const id = idOf(self);
      let snap: Snapshot | null = null;
      if (args.length > 0) {
        const data = args[0];
        if (typeof data === 'object' && data !== null) snap = id === undefined ? null : snapshot(n, data);
        if (snap === null && typeof data !== 'string' && typeof data !== 'symbol') {
          // A non-payload value is converted once, here, exactly as the native conversion would do it.
          args = [n.String(data)];
        }
        if (snap === null && id !== undefined && typeof args[0] === 'string') snap = snapshot(n, args[0]);
      }
      const state = id === undefined ? OPEN : n.apply(n.wsReadyState, self, []);
      try {
        n.apply(target, self, args);
      } catch (error) {
        if (id !== undefined) {
          try {
            recordPayload(id, 'send', snap, describeError(n, error));
          } catch (inner) {
            fault('send', inner);
          }
        }
        throw error;
      }
      if (id !== undefined) {
        try {
          // Natively, a send on a closing or closed socket is discarded without an error.
          recordPayload(id, 'send', snap, state > OPEN ? 'discarded: the socket is closing or closed' : undefined);
        } catch (error) {
          fault('send', error);
        }
      }
      return undefined;
    },
  });

  const closeProxy = new n.Proxy(n.close, {
    apply(target, self, args) {
      const id = idOf(self);
      const code = typeof args[0] === 'number' ? args[0] : undefined;
      const reason = typeof args[1] === 'string' ? args[1] : undefined;
      try {
        n.apply(target, self, args);
      } catch (error) {
        if (id !== undefined) channel.push({ k: 'close-call', id, t: time(), code, reason, error: describeError(n, error) });
        throw error;
      }
      if (id !== undefined) {
        try {
          channel.push({ k: 'close-call', id, t: time(), code, reason });
        } catch (error) {
          fault('close', error);
        }
      }
      return undefined;
    },
  });

  // Function.prototype.toString answers for our proxies as it would for the natives they stand for.
  const toStringProxy = new n.Proxy(n.fnToString, {
    apply(target, self, args) {
      const masked = typeof self === 'function' ? n.apply(n.weakGet, maskedFunctions, [self]) : undefined;
      return n.apply(target, masked ?? self, args);
    },
  });
  n.apply(n.weakSet, maskedFunctions, [WebSocketProxy, n.WebSocket]);
  n.apply(n.weakSet, maskedFunctions, [sendProxy, n.send]);
  n.apply(n.weakSet, maskedFunctions, [closeProxy, n.close]);
  n.apply(n.weakSet, maskedFunctions, [toStringProxy, n.fnToString]);

  const replace = (owner: object, key: string, value: unknown) => {
    const desc = n.getOwnPropertyDescriptor(owner, key);
    if (desc) n.defineProperty(owner, key, { ...desc, value });
  };
  replace(win.Function.prototype, 'toString', toStringProxy);
  replace(n.wsProto, 'send', sendProxy);
  replace(n.wsProto, 'close', closeProxy);
  replace(n.wsProto, 'constructor', WebSocketProxy);
  replace(win, 'WebSocket', WebSocketProxy);

  n.apply(n.addEventListener, win, [HANDSHAKE.probe, (event: Event) => n.apply(n.preventDefault, event, []), true]);
  return true;
}

function describeError(n: Natives, error: unknown): string {
  try {
    const e = error as { name?: unknown; message?: unknown };
    return n.apply(n.stringSlice, `${n.String(e.name)}: ${n.String(e.message)}`, [0, 500]) as string;
  } catch {
    return 'unknown error';
  }
}
