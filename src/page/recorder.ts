/**
 * Turns what a socket did into events on the channel. The socket listeners, the send and close
 * proxies and the user actions all record through these few functions, so an event has one shape
 * wherever it is seen, and a failure of ours becomes a 'fault' event instead of reaching the page.
 */
import { LIMITS } from '../shared/limits';
import type { PageEventTuple } from '../shared/page-link';
import { encode } from '../shared/page-tuples';
import type { Channel } from './channel';
import type { Recorder } from './method-proxies';
import type { Natives } from './natives';
import { type Snapshot, snapshot } from './payload';

export function createRecorder(n: Natives, own: string, channel: Channel, ids: WeakMap<object, number>): Recorder {
  const time = () => n.timeOrigin + n.now();

  const fault = (where: string, error: unknown) => {
    let message = where;
    try {
      message += `: ${n.String(error)}`;
    } catch {
      // an exotic thrown value; the location is enough
    }
    channel.push(encode.fault(time(), n.apply(n.stringSlice, message, [0, LIMITS.pageErrorText]) as string));
  };

  const idOf = (socket: unknown): number | undefined =>
    typeof socket === 'object' && socket !== null ? (n.apply(n.weakGet, ids, [socket]) as number | undefined) : undefined;

  const snap = (value: unknown): Snapshot | null => {
    try {
      return snapshot(n, value, channel.packer);
    } catch (error) {
      fault('payload', error);
      return null;
    }
  };

  // Events are built whole, in one literal: assigning a field later would reach page setters on Object.prototype.
  const recordPayload: Recorder['recordPayload'] = (id, dir, s, failure, injected, fx, from) => {
    if (!s) return;
    const t = time();
    const event: PageEventTuple = failure
      ? encode['send-fail'](id, t, s.data, failure, undefined, undefined)
      : encode.msg(id, t, s.data, dir, s.size, s.hash, injected, fx, from, undefined);
    channel.push(event, s.transfer, s.arena);
  };

  /** Something the user should know that is not a failure of ours: shown in the status bar, not counted as a fault. */
  const note = (message: string) => {
    channel.push(encode.note(time(), n.apply(n.stringSlice, message, [0, LIMITS.pageErrorText]) as string));
  };

  return { n, own, channel, idOf, snap, recordPayload, fault, note, time };
}
