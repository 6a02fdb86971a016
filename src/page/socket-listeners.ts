/**
 * The capture's listeners on every socket: one per event type, made once per window and shared by
 * all its sockets (`this` is the socket), so that a socket costs four addEventListener calls and no
 * closure. They are added at construction, before any page listener, so the page's order is unchanged.
 */
import type { RuleEffect } from '../shared/message-rules';
import { encode } from '../shared/page-tuples';
import type { ActionContext } from './commands';
import { replaceDroppedClose } from './commands';
import type { Family } from './family';
import type { Recorder } from './method-proxies';
import type { RuleHooks } from './rules/engine';

export const EVENT_TYPES = ['open', 'message', 'error', 'close'] as const;

export type SocketListeners = Record<(typeof EVENT_TYPES)[number], (this: WebSocket, event: Event) => void>;

export function createSocketListeners(
  r: Recorder,
  actionContext: ActionContext,
  sockets: Family['sockets'],
  ruleHooks: RuleHooks,
): SocketListeners {
  const { n, channel, idOf, snap, recordPayload, fault, time } = r;
  const actions = actionContext.state;
  const rules = actions.msg;
  /**
   * A close or error that comes while receives wait goes behind them. Our own re-dispatch of one (or of a
   * receive) is let through once: `passing` is cleared by the first of our listeners that sees it.
   */
  const waitsBehindReceives = (socket: WebSocket, event: Event): boolean => {
    if (rules.passing) {
      rules.passing = false;
      return false;
    }
    return rules.waiting !== 0 && ruleHooks.onLifecycle(socket, event);
  };
  return {
    open(this: WebSocket) {
      try {
        const id = idOf(this) as number;
        const protocol = n.apply(n.wsProtocol, this, []);
        const extensions = n.apply(n.wsExtensions, this, []);
        channel.push(encode.open(id, time(), protocol, extensions));
      } catch (error) {
        fault('open', error);
      }
    },
    message(this: WebSocket, event: Event) {
      try {
        const id = idOf(this) as number;
        let fx: RuleEffect | undefined;
        if (rules.passing) {
          // Our own delivery of a receive that waited or was rewritten: recorded now, when the page gets it.
          fx = rules.fx;
          rules.passing = false;
        } else if ((rules.rules !== null || rules.waiting !== 0) && !actions.injecting && ruleHooks.onMessage(this, id, event)) return;
        const injected = actions.injecting || undefined;
        recordPayload(id, 'recv', snap(n.apply(n.messageData, event, [])), undefined, injected, fx);
      } catch (error) {
        fault('message', error);
      }
    },
    error(this: WebSocket, event: Event) {
      try {
        if (waitsBehindReceives(this, event)) return;
        channel.push(encode.error(idOf(this) as number, time(), undefined));
      } catch (error) {
        fault('error', error);
      }
    },
    close(this: WebSocket, event: Event) {
      try {
        if (waitsBehindReceives(this, event)) return;
        // A drop shows the page a network loss (error, then close 1006) instead of the clean close underneath.
        if (replaceDroppedClose(actionContext, this, event)) return;
        const id = idOf(this) as number;
        delete sockets[id];
        channel.push(
          encode.close(id, time(), n.apply(n.closeCode, event, []), n.apply(n.closeReason, event, []), n.apply(n.closeWasClean, event, [])),
        );
      } catch (error) {
        fault('close', error);
      }
    },
  };
}
