/**
 * Patches one window's WebSocket so that every socket reports its life to the channel, while the
 * page keeps seeing the native API: the constructor and the two methods are Proxies of the natives
 * (same name, length, statics, prototype and exceptions), instances are the browser's own sockets,
 * and our listeners are added first at construction, so page listeners keep their order.
 */
import type { Direction, PageEvent } from '../shared/protocol';
import type { Channel } from './channel';
import {
  type ActionContext,
  type ActionState,
  createActionState,
  refusingRule,
  replaceDroppedClose,
  ruleCount,
  runCommand,
} from './commands';
import { cleanError } from './errors';
import { watchChildWindows } from './frames';
import { answerProbes, hookAlreadyRuns } from './idempotency';
import { joinMasks, type Masks, mask } from './masks';
import { createMethodProxies } from './method-proxies';
import { captureNatives, type Natives } from './natives';
import { type Snapshot, snapshot } from './payload';
import { captureStack, ownScript } from './stack';

const EVENT_TYPES = ['open', 'message', 'error', 'close'] as const;

/** What a parent hands to a child window it installs: the same toString table and socket ids. */
export interface Family {
  masks: Masks;
  ids: WeakMap<object, number>;
  /** Sockets by id, held weakly, so that user actions can reach them. */
  sockets: Record<number, WeakRef<WebSocket>>;
  actions: ActionState;
  /** The parent's script name and natives: stacks are read in the realm our code runs in. */
  own: string;
  stacks: Natives;
}

export function install(win: typeof globalThis, connect: (n: Natives) => Channel, family?: Family): boolean {
  if (typeof win.WebSocket !== 'function') return false;
  const n = captureNatives(win);
  const stacks = family?.stacks ?? n;
  const own = family?.own ?? ownScript(n);
  if (hookAlreadyRuns(n, win, own, stacks)) return false;

  const masks = joinMasks(n, family?.masks);
  const ids = family?.ids ?? new n.WeakMap<object, number>();
  const channel = connect(n);
  const time = () => n.timeOrigin + n.now();
  // A null-prototype record: reading or writing an id never reaches Object.prototype.
  const sockets: Family['sockets'] = family?.sockets ?? (n.create(null) as Family['sockets']);
  const actions = family?.actions ?? createActionState(n);

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

  const snap = (value: unknown): Snapshot | null => {
    try {
      return snapshot(n, value);
    } catch (error) {
      fault('payload', error);
      return null;
    }
  };

  // Events are built whole, in one literal: assigning a field later would reach page setters on Object.prototype.
  const recordPayload = (id: number, dir: Direction, s: Snapshot | null, failure?: string, injected?: boolean) => {
    if (!s) return;
    const t = time();
    const event: PageEvent = failure
      ? { k: 'send-fail', id, t, data: s.data, error: failure }
      : { k: 'msg', id, t, dir, data: s.data, size: s.size, hash: s.hash, injected };
    channel.push(event, s.transfer);
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
        const injected = actions.injecting || undefined;
        recordPayload(idOf(this) as number, 'recv', snap(n.apply(n.messageData, event, [])), undefined, injected);
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
        // A drop shows the page a network loss (error, then close 1006) instead of the clean close underneath.
        if (replaceDroppedClose(actionContext, this, event)) return;
        const id = idOf(this) as number;
        delete sockets[id];
        channel.push({
          k: 'close',
          id,
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
    const id = channel.newId();
    n.apply(n.weakSet, ids, [socket, id]);
    sockets[id] = new n.WeakRef(socket);
    for (let i = 0; i < EVENT_TYPES.length; i++) {
      n.apply(n.addEventListener, socket, [EVENT_TYPES[i], listeners[EVENT_TYPES[i]]]);
    }
    // Arguments are read only where passed: a missing index would be looked up on Array.prototype.
    const requested = args.length > 1 ? args[1] : undefined;
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
      stack: captureStack(n, own),
    });
    return id;
  };

  const actionContext: ActionContext = {
    n,
    state: actions,
    time,
    socketOf: (id) => {
      const ref = sockets[id];
      return ref ? (n.apply(n.weakRefDeref, ref, []) as WebSocket | undefined) : undefined;
    },
    push: (event) => channel.push(event),
    recordInjectedSend: (id, data) => recordPayload(id, 'send', snap(data), undefined, true),
  };

  /** A refusal rule (reconnection test, offline mode) fails the new socket as a refused connection would. */
  const refuseIfRuled = (socket: WebSocket, id: number) => {
    const url = n.apply(n.wsUrl, socket, []) as string;
    const rule = refusingRule(actionContext, url);
    if (!rule) return;
    // close() while CONNECTING fails the connection: the page gets error, then close 1006, and no exception.
    n.apply(n.close, socket, []);
    channel.push({ k: 'action', id, t: time(), action: 'refuse', detail: `refused by rule "${rule.pattern}"`, rule: ruleCount(n, rule) });
  };

  const WebSocketProxy = new n.Proxy(n.WebSocket, {
    construct(target, args, newTarget) {
      let socket: WebSocket;
      try {
        socket = n.construct(target, args, newTarget) as WebSocket;
      } catch (error) {
        throw cleanError(n, error, own);
      }
      try {
        refuseIfRuled(socket, track(socket, args));
      } catch (error) {
        fault('create', error);
      }
      return socket;
    },
  });

  const { sendProxy, closeProxy } = createMethodProxies({ n, own, channel, idOf, snap, recordPayload, fault, time });

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
  const childFamily: Family = { masks, ids, sockets, actions, own, stacks };
  if (!family) channel.onCommand((command) => runCommand(actionContext, command));
  watchChildWindows(n, masks, own, (child) => {
    if (child === win) return;
    const ws = child.WebSocket; // throws for a cross-origin child, which the caller ignores
    if (typeof ws !== 'function' || n.apply(n.weakGet, settled, [ws])) return;
    n.apply(n.weakSet, settled, [ws, true]);
    try {
      // The child posts through our channel for its whole life; its own relay's offer stays untaken.
      install(child, () => channel, childFamily);
    } catch (error) {
      fault('child window', error);
    }
    n.apply(n.weakSet, settled, [child.WebSocket, true]);
  });
  return true;
}
