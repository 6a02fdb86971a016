/**
 * The page hook's side of the page link's event format (page-link.ts): the number of each event kind and the
 * encoder that writes an event as the array the relay's check decodes. Kept apart from the schemas, with no
 * import but types, so that the hook bundles only these few lines. Every encoder writes one array literal
 * (a literal defines its elements: no setter a page put on Array.prototype runs), with every slot present.
 */
import type { PageEventForms, PageEventTuple } from './page-link';

/** An event's kind, first in its array. Numbers cost the clone less than names; never reuse one. */
export const EVENT_CODES = {
  create: 0,
  open: 1,
  msg: 2,
  held: 3,
  'rule-error': 4,
  'send-fail': 5,
  error: 6,
  close: 7,
  'close-call': 8,
  fault: 9,
  note: 10,
  action: 11,
} as const;

type Kind = keyof PageEventForms;
type Values<F> = F extends [unknown, ...infer R] ? R : never;
type Encoders = { readonly [K in Kind]: (...values: Values<PageEventForms[K]>) => PageEventForms[K] };

/** Writes each kind of event in its array form: `encode.msg(id, t, data, dir, size, hash, injected, fx, from, kept)`. */
export const encode: Encoders = {
  create: (id, t, url, protocols, frameUrl, stack, api) => [0, id, t, url, protocols, frameUrl, stack, api],
  open: (id, t, protocol, extensions) => [1, id, t, protocol, extensions],
  msg: (id, t, data, dir, size, hash, injected, fx, from, kept) => [2, id, t, data, dir, size, hash, injected, fx, from, kept],
  held: (id, t, data, dir, hold, rule, size, kept) => [3, id, t, data, dir, hold, rule, size, kept],
  'rule-error': (id, t, rule, error) => [4, id, t, rule, error],
  'send-fail': (id, t, data, error, size, kept) => [5, id, t, data, error, size, kept],
  error: (id, t, error) => [6, id, t, error],
  close: (id, t, code, reason, wasClean) => [7, id, t, code, reason, wasClean],
  'close-call': (id, t, code, reason, error, via) => [8, id, t, code, reason, error, via],
  fault: (t, message) => [9, t, message],
  note: (t, message) => [10, t, message],
  action: (id, t, action, detail, error, rule) => [11, id, t, action, detail, error, rule],
};

/** The events that carry a payload (msg, held, send-fail): always at index PAYLOAD, after id and t. */
export type PayloadTuple = PageEventForms['msg' | 'held' | 'send-fail'];
export const PAYLOAD = 3;
export const carriesPayload = (event: PageEventTuple): event is PayloadTuple => event[0] === 2 || event[0] === 3 || event[0] === 5;
/**
 * Where a payload event says the whole payload's size (msg: after `dir`; held and send-fail: next to last) and the
 * number of its body kept in the hook (always last): the slots src/page/long-text.ts fills in.
 */
export const sizeAt = (event: PayloadTuple): number => (event[0] === 2 ? 5 : event.length - 2);
export const keptAt = (event: PayloadTuple): number => event.length - 1;
