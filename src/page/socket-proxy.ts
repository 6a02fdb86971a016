/**
 * The WebSocket constructor the page gets: a Proxy of the native, so `new WebSocket(…)` still makes
 * the browser's own socket (same exceptions, prototype and statics), which we then number, listen to,
 * report, and fail at once when a refusal rule matches its URL.
 */
import { encode } from '../shared/page-tuples';
import { type ActionContext, refusingRule, ruleCount } from './commands';
import { cleanError } from './errors';
import type { Family } from './family';
import type { Recorder } from './method-proxies';
import { requestedProtocols } from './protocols';
import { EVENT_TYPES, type SocketListeners } from './socket-listeners';
import { captureStack } from './stack';

export function createSocketProxy(r: Recorder, family: Family, listeners: SocketListeners, actionContext: ActionContext): typeof WebSocket {
  const { n, own, channel, fault, time } = r;
  const { ids, sockets } = family;

  // Kept in one function called straight from the trap: each frame of ours would take a line of the page's
  // stack (V8 keeps 10), and a page getter on the protocols array would see it.
  const track = (socket: WebSocket, args: unknown[]) => {
    const id = channel.newId();
    n.apply(n.weakSet, ids, [socket, id]);
    sockets[id] = new n.WeakRef(socket);
    for (let i = 0; i < EVENT_TYPES.length; i++) {
      n.apply(n.addEventListener, socket, [EVENT_TYPES[i], listeners[EVENT_TYPES[i]]]);
    }
    // Arguments are read only where passed: a missing index would be looked up on Array.prototype.
    const protocols = requestedProtocols(n, args.length > 1 ? args[1] : undefined);
    channel.push(
      encode.create(
        id,
        time(),
        n.apply(n.wsUrl, socket, []),
        protocols,
        n.apply(n.locationHref, n.location, []),
        captureStack(n, own),
        undefined,
      ),
    );
    return id;
  };

  /** A refusal rule (reconnection test, offline mode) fails the new socket as a refused connection would. */
  const refuseIfRuled = (socket: WebSocket, id: number) => {
    const url = n.apply(n.wsUrl, socket, []) as string;
    const rule = refusingRule(actionContext, url);
    if (!rule) return;
    // close() while CONNECTING fails the connection: the page gets error, then close 1006, and no exception.
    n.apply(n.close, socket, []);
    channel.push(encode.action(id, time(), 'refuse', `refused by rule "${rule.pattern}"`, undefined, ruleCount(n, rule)));
  };

  return new n.Proxy(n.WebSocket, {
    __proto__: null, // a page method on Object.prototype (get, has, apply…) would otherwise act as a trap
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
  } as ProxyHandler<typeof n.WebSocket>);
}
