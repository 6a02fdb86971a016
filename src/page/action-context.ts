/**
 * What the user actions (commands.ts) may touch in this window: the sockets by id, the shared
 * action state, and the recorder, so that an injected send is logged the way the page's own is.
 */
import type { ActionContext } from './commands';
import type { Family } from './family';
import type { Recorder } from './method-proxies';

export function createActionContext(r: Recorder, family: Family): ActionContext {
  const { n, channel, snap, recordPayload, time } = r;
  const sockets = family.sockets;
  return {
    n,
    state: family.actions,
    time,
    socketOf: (id) => {
      const ref = sockets[id];
      return ref ? (n.apply(n.weakRefDeref, ref, []) as WebSocket | undefined) : undefined;
    },
    streamOf: (id) => family.streams[id],
    push: (event) => channel.push(event),
    recordInjectedSend: (id, data, from) => recordPayload(id, 'send', snap(data), undefined, true, undefined, from),
  };
}
