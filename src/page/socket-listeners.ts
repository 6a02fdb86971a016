/**
 * The capture's listeners on every socket: one per event type, made once per window and shared by
 * all its sockets (`this` is the socket), so that a socket costs four addEventListener calls and no
 * closure. They are added at construction, before any page listener, so the page's order is unchanged.
 */
import type { ActionContext } from './commands';
import { replaceDroppedClose } from './commands';
import type { Family } from './family';
import type { Recorder } from './method-proxies';

export const EVENT_TYPES = ['open', 'message', 'error', 'close'] as const;

export type SocketListeners = Record<(typeof EVENT_TYPES)[number], (this: WebSocket, event: Event) => void>;

export function createSocketListeners(r: Recorder, actionContext: ActionContext, sockets: Family['sockets']): SocketListeners {
  const { n, channel, idOf, snap, recordPayload, fault, time } = r;
  const actions = actionContext.state;
  return {
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
}
