/**
 * Firefox's worker capture (docs/ARCHITECTURE.md, "Firefox: the worker's own script, rewritten on the wire"):
 * the background puts the worker hook (src/worker) in front of a worker's script and names a BroadcastChannel
 * for it; the name reaches the document's page hook through the relay. These are the schemas of what crosses
 * those hops. Every one is hostile input to its receiver: a page may post on a channel whose name it guessed,
 * and a page hook is page code as far as the relay knows.
 */
import { key, short, workerKind } from './fields';
import { LIMITS } from './limits';
import { anything, arrayOf, type CustomCheck, type Infer, literal, object, optional, tagged } from './schema';

/** 32 lowercase hex characters (128 random bits), checked by hand: the page hook cannot trust RegExp. */
export const CHANNEL_NAME_CHARS = 32;
export const channelName: CustomCheck<string> = (value, fail) => {
  if (typeof value !== 'string' || value.length !== CHANNEL_NAME_CHARS) return fail('a channel name is 32 hex characters');
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return fail('a channel name is 32 hex characters');
  }
  return value;
};

/** The BroadcastChannel's name as opened on both sides; the random part alone travels. */
export const channelOf = (name: string): string => `socketscope-${name}`;

/** background → the relays of a frame (`tabs.sendMessage`): open this worker channel; or: a worker script was left as it was. */
export const toRelayFromBackground = tagged('type', {
  'worker-channel': { name: channelName },
  'worker-skipped': { url: short, why: short },
});
export type ToRelayFromBackground = Infer<typeof toRelayFromBackground>;

/** On the channel, worker hook → page hook. `w` is the worker's own random key; `to` the listener it chose. */
export const fromWorker = tagged('ss', {
  /** Sent once at start: any page hook that listens answers `listen`. */
  hello: { w: key, url: short, kind: workerKind },
  /** Events for the one listener the worker took (the first `listen` it heard). */
  batch: { w: key, to: key, url: short, kind: workerKind, events: arrayOf(anything, LIMITS.pageBatchEvents) },
  /** The answer to `ping`: the worker still runs. */
  alive: { w: key, to: key },
});
export type FromWorker = Infer<typeof fromWorker>;

/** On the channel, page hook → worker hooks. `l` is the page hook's random listener key. */
export const toWorker = tagged('ss', {
  listen: { l: key },
  ping: { l: key },
});
export type ToWorker = Infer<typeof toWorker>;

/** page hook → relay, on the page port: a worker's events, or word that it stopped answering (its sockets then end). */
export const workerReport = object({
  w: key,
  url: short,
  kind: workerKind,
  events: optional(arrayOf(anything, LIMITS.pageBatchEvents)),
  gone: optional(literal(true)),
});
export type WorkerReport = Infer<typeof workerReport>;
