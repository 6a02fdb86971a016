/**
 * What the windows of one page share when a parent installs the hook into a same-origin child
 * (see frames.ts): one toString table, one socket numbering and one set of user actions, so that the
 * panel sees a single log and a page cannot tell our proxies apart from one frame to the next.
 */
import { type ActionState, createActionState } from './commands';
import { joinMasks, type Masks } from './masks';
import type { Natives } from './natives';
import type { StreamInjector } from './stream-shadow';

/** A WebSocketStream as user actions reach it: held weakly, and its injector once it opened. */
export interface StreamHandle {
  stream: WeakRef<object>;
  inject?: StreamInjector;
}

export interface Family {
  masks: Masks;
  ids: WeakMap<object, number>;
  /** Sockets by id, held weakly, so that user actions can reach them. */
  sockets: Record<number, WeakRef<WebSocket>>;
  /** WebSocketStreams by id, until they close. */
  streams: Record<number, StreamHandle>;
  actions: ActionState;
  /** The parent's script name and natives: stacks are read in the realm our code runs in. */
  own: string;
  stacks: Natives;
}

/**
 * The parent's family when the parent's hook installs this window; else a new one, made from this
 * window's natives `n` (its toString table may still be a parent frame's: see masks.ts).
 */
export function joinFamily(n: Natives, own: string, stacks: Natives, parent?: Family): Family {
  return {
    masks: joinMasks(n, parent?.masks),
    ids: parent?.ids ?? new n.WeakMap<object, number>(),
    // A null-prototype record: reading or writing an id never reaches Object.prototype.
    sockets: parent?.sockets ?? (n.create(null) as Family['sockets']),
    streams: parent?.streams ?? (n.create(null) as Family['streams']),
    actions: parent?.actions ?? createActionState(n),
    own,
    stacks,
  };
}
