/**
 * The page link: every message between the page hook (src/page) and the relay (src/content), on the
 * private MessagePort and in the final hand-over. Schemas only: the hook compiles the one it receives
 * over its saved natives (src/page/checks.ts), the relay the ones it receives over the plain globals.
 */
import { LIMITS } from './limits';
import {
  anything,
  arrayOf,
  bool,
  type Infer,
  int,
  literal,
  num,
  object,
  optional,
  payload,
  type Schema,
  str,
  tagged,
  union,
} from './schema';

export const short = str(LIMITS.shortText);
export const direction = literal('send', 'recv');
export type Direction = Infer<typeof direction>;
export const actionKind = literal('send', 'receive', 'close', 'drop', 'refuse');
export type ActionKind = Infer<typeof actionKind>;

/** The variants of a page event, with the schema of their payloads (they differ on the port and in the hand-over). */
const pageEventOf = <D extends Schema>(data: D) =>
  tagged('k', {
    /** `new WebSocket(...)` succeeded. */
    create: { id: int, t: num, url: short, protocols: arrayOf(short, LIMITS.protocols), frameUrl: short, stack: short },
    open: { id: int, t: num, protocol: short, extensions: short },
    /** A frame; `size` and `hash` only when the hook cut `data` at LIMITS.pagePayloadCap (else the relay measures it). */
    msg: {
      id: int,
      t: num,
      dir: direction,
      data,
      size: optional(int),
      hash: optional(str(LIMITS.keyChars)),
      injected: optional(bool),
    },
    /** send() threw, or was discarded (the socket was closing or closed). */
    'send-fail': { id: int, t: num, data, error: short },
    error: { id: int, t: num },
    close: { id: int, t: num, code: int, reason: short, wasClean: bool },
    /** The page called close(), with what it threw, if anything. */
    'close-call': { id: int, t: num, code: optional(num), reason: optional(short), error: optional(short) },
    /** The hook caught a failure of its own: counted, never thrown into the page. */
    fault: { t: num, message: short },
    /** The outcome of a user action (inject, close, drop, refuse), logged in the timeline. */
    action: { id: int, t: num, action: actionKind, detail: short, error: optional(short) },
  });

// ---------------------------------------------------------------- hook → relay, on the port

export const pageEvent = pageEventOf(payload(LIMITS.pagePayloadCap, 'ArrayBuffer', 'Blob'));
export type PageEvent = Infer<typeof pageEvent>;
export type PagePayload = Extract<PageEvent, { k: 'msg' }>['data'];

/** Batches are numbered from 1, in posting order; the hook keeps each until the relay acknowledges it. */
export const pageBatch = object({ b: int, events: arrayOf(pageEvent, LIMITS.pageBatchEvents) });
export type PageBatch = Infer<typeof pageBatch>;
/** What the relay checks of a batch before it checks each event on its own, so that one bad event costs only itself. */
export const pageBatchEnvelope = object({ ...pageBatch.fields, events: arrayOf(anything, LIMITS.pageBatchEvents) });

// ---------------------------------------------------------------- relay → hook, on the same port

/** A rule that makes new sockets whose URL matches fail as a refused connection would. */
export const refuseRule = object({
  /** Identity: the list is sent whole on every change and to every new document, and a page keeps counting a rule it holds. */
  id: int,
  /** Substring of the URL, or a regular expression written as /…/. */
  pattern: str(LIMITS.rulePattern),
  /** Epoch ms after which the rule lapses; absent = until removed. */
  until: optional(num),
  /** Connection attempts left to refuse; absent = unlimited. */
  attempts: optional(int),
});
export type RefuseRule = Infer<typeof refuseRule>;

const injected = payload(LIMITS.injectMax, 'ArrayBuffer');

export const toPage = tagged('c', {
  /** The relay has every batch up to `b`: the hook lets go of them. */
  ack: { b: int },
  /** Send on the real socket (recorded as an injected send). */
  send: { id: int, data: injected },
  /** Dispatch a MessageEvent on the socket (recorded as an injected receive). */
  receive: { id: int, data: injected },
  close: { id: int, code: optional(num), reason: optional(short) },
  /** Close, and show the page error + close 1006 instead of the clean close. */
  drop: { id: int },
  /** Refuse new sockets whose URL matches; a rule the page holds (same id) keeps the attempts it has left. */
  rules: { rules: arrayOf(refuseRule, LIMITS.rules) },
});
export type ToPage = Infer<typeof toPage>;
/** A user action for the hook to carry out. */
export type PageCommand = Exclude<ToPage, { c: 'ack' }>;

// ---------------------------------------------------------------- hook → relay, the final hand-over (JSON text)

/**
 * Payloads in the hand-over's JSON: text as a string; an ArrayBuffer as {base64}; a Blob, which cannot be read
 * synchronously, as {blob: its size}; an ArrayBuffer already transferred to the relay (detached) as {gone: true}.
 */
export const handoverPayload = union(
  str(LIMITS.pagePayloadCap),
  object({ base64: str(Math.ceil(LIMITS.pagePayloadCap / 3) * 4) }),
  object({ blob: int }),
  object({ gone: literal(true) }),
);
export const handoverEvent = pageEventOf(handoverPayload);
export type HandoverEvent = Infer<typeof handoverEvent>;

/**
 * Dispatched synchronously on pagehide, as the detail of a CustomEvent: the hook's token (told to the relay at the
 * handshake, where no page script listens), the batches posted but not acknowledged, and the events not yet posted.
 * The relay checks the envelope, then each event on its own (handoverEvent).
 */
export const handover = object({
  token: str(LIMITS.handoverToken),
  posted: arrayOf(pageBatchEnvelope, LIMITS.pageRetainedEvents),
  queue: arrayOf(anything, LIMITS.pageBatchEvents),
});
export type Handover = Infer<typeof handover>;
