/**
 * The page link, hook → relay: the events the page hook (src/page) posts to the relay (src/content) in
 * numbered batches on their private MessagePort, and the final hand-over. The other way (commands and
 * acknowledgements) is in page-commands.ts, kept apart so that the hook bundles only the schema it checks.
 * Schemas only: the relay compiles them over the plain globals (validate.ts).
 */
import { actionKind, closeVia, direction, key, ruleCount, short, socketApi } from './fields';
import { LIMITS } from './limits';
import { resentFrom, ruleEffect, ruleErrorFields } from './message-rules';
import { EVENT_CODES } from './page-tuples';
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
  type TupleForms,
  tuples,
  union,
} from './schema';

export type { ActionKind, Direction } from './fields';
export type { PageCommand, RefuseRule, ToPage } from './page-commands';

/**
 * A text payload longer than its preview stays in the hook (src/page/bodies.ts): `data` is then the preview, `size`
 * the whole payload's, and `kept` the body's number there, which the relay asks for when the panel wants the body.
 */
const kept = optional(int);

/**
 * The variants of a page event, with the schema of their payloads (they differ on the port and in the hand-over).
 * On the page link an event is an array, `[code, ...values]` (EVENT_CODES, then the slots below in order; the
 * hook writes them with page-tuples.ts's `encode`): a structured clone copies an object key by key, an array by
 * value. The relay's check decodes each into the object with these names. A payload is always third, after `t`.
 * Slots added later go at the end of their variant (`size` and `kept` of held and send-fail, `kept` of msg).
 */
const pageEventOf = <D extends Schema>(data: D) =>
  tuples('k', EVENT_CODES, {
    /** `new WebSocket(...)` (or, with `api: 'stream'`, `new WebSocketStream(...)`) succeeded. */
    create: [
      ['id', int],
      ['t', num],
      ['url', short],
      ['protocols', arrayOf(short, LIMITS.protocols)],
      ['frameUrl', short],
      ['stack', short],
      ['api', optional(socketApi)],
    ],
    open: [
      ['id', int],
      ['t', num],
      ['protocol', short],
      ['extensions', short],
    ],
    /**
     * A frame; `size` when `data` is not the whole payload (cut at LIMITS.pagePayloadCap, or kept in the hook), else the
     * relay measures it; `hash` only when cut; `fx` what a message rule (or the user's answer to a hold) did to it;
     * `from` the captured row an injected send was made from ("Send again", "Edit and send"); `kept` see above.
     */
    msg: [
      ['id', int],
      ['t', num],
      ['data', data],
      ['dir', direction],
      ['size', optional(int)],
      ['hash', optional(key)],
      ['injected', optional(bool)],
      ['fx', optional(ruleEffect)],
      ['from', optional(resentFrom)],
      ['kept', kept],
    ],
    /** A frame a hold rule stopped: it waits for the user's answer (a `hold` command), with every later frame of its direction. */
    held: [
      ['id', int],
      ['t', num],
      ['data', data],
      ['dir', direction],
      ['hold', int],
      ['rule', int],
      ['size', optional(int)],
      ['kept', kept],
    ],
    /** A message rule could not act on a frame of socket `id` (which went on as it was), or was refused whole (no `id`). */
    'rule-error': [
      ['id', optional(int)],
      ['t', num],
      ['rule', ruleErrorFields.rule],
      ['error', ruleErrorFields.error],
    ],
    /** send() threw, or was discarded (the socket was closing or closed). */
    'send-fail': [
      ['id', int],
      ['t', num],
      ['data', data],
      ['error', short],
      ['size', optional(int)],
      ['kept', kept],
    ],
    /** An error; `error` says why when the API tells (a WebSocketStream's rejection). */
    error: [
      ['id', int],
      ['t', num],
      ['error', optional(short)],
    ],
    close: [
      ['id', int],
      ['t', num],
      ['code', int],
      ['reason', short],
      ['wasClean', bool],
    ],
    /** The page called close() (or ended a stream `via` its readable or writable), with what it threw, if anything. */
    'close-call': [
      ['id', int],
      ['t', num],
      ['code', optional(num)],
      ['reason', optional(short)],
      ['error', optional(short)],
      ['via', optional(closeVia)],
    ],
    /** The hook caught a failure of its own: counted, never thrown into the page. */
    fault: [
      ['t', num],
      ['message', short],
    ],
    /** Something the user should know that is not a failure (a popup whose sockets are captured in its own tab). */
    note: [
      ['t', num],
      ['message', short],
    ],
    /** The outcome of a user action (inject, close, drop, refuse), logged in the timeline. */
    action: [
      ['id', int],
      ['t', num],
      ['action', actionKind],
      ['detail', short],
      ['error', optional(short)],
      ['rule', optional(ruleCount)],
    ],
  });

// ---------------------------------------------------------------- hook → relay, on the port

/**
 * A small binary payload packed into its batch's one `pack` buffer: `n` bytes from offset `p`. A transfer per
 * small ArrayBuffer costs more than the copy, so the hook copies small payloads into one buffer per batch.
 */
export const packedBytes = object({ p: int, n: int });
export type PackedBytes = Infer<typeof packedBytes>;
const capturedPayload = payload(LIMITS.pagePayloadCap, 'ArrayBuffer', 'Blob');
/** An event as the hook posts it: small binary payloads as places in the batch's pack. */
const postedPayload = union(packedBytes, capturedPayload); // the payload last: its failure is the one reported
export const pageEvent = pageEventOf(postedPayload);
/** An event as the relay's check decodes it (named fields). */
export type PageEvent = Infer<typeof pageEvent>;
type Variants<S> = S extends { readonly variants: infer V } ? V : never;
/** The array form of each kind of event, as the hook writes it (page-tuples.ts's `encode`), by kind. */
export type PageEventForms = TupleForms<Variants<typeof pageEvent>, typeof EVENT_CODES>;
/** An event as the hook posts it. */
export type PageEventTuple = PageEventForms[keyof PageEventForms];
/** An event as the relay keeps it, its payload unpacked (a private ArrayBuffer). */
export const capturedEvent = pageEventOf(capturedPayload);
export type CapturedEvent = Infer<typeof capturedEvent>;
export type PagePayload = Extract<CapturedEvent, { k: 'msg' }>['data'];

/** A body the hook let go of to stay within LIMITS.pageBodyBudget: its number and what it cost (2 bytes per UTF-16 unit). */
export const bodyTrim = object({ id: int, bytes: int });
export type BodyTrim = Infer<typeof bodyTrim>;
const trims = optional(arrayOf(bodyTrim, LIMITS.pageBatchEvents));

/**
 * Batches are numbered from 1, in posting order; the hook keeps each until the relay acknowledges it. `pack` holds
 * the bytes of the batch's packed payloads (transferred); `trimmed` the hook's bodies let go of since the batch
 * before (each kept by an event of this batch or an earlier one: the relay applies them after the batch's events).
 */
const batchOf = <E extends Schema>(events: E) =>
  object({ b: int, events: arrayOf(events, LIMITS.pageBatchEvents), pack: optional(payload(0, 'ArrayBuffer')), trimmed: trims });
/** A batch as the hook posts it: its events in their array form. */
export type PageBatch = Omit<Infer<typeof pageBatchEnvelope>, 'events'> & { events: PageEventTuple[] };
/** What the relay checks of a batch before it checks each event on its own, so that one bad event costs only itself. */
export const pageBatchEnvelope = batchOf(anything);

/**
 * The hook's answer to a `body` request (page-commands.ts), posted on the port on its own (not in a batch): the
 * kept body's text, or no `text` when the hook let it go (trimmed).
 */
export const bodyAnswer = object({ answer: int, text: optional(str(LIMITS.pagePayloadCap)) });
export type BodyAnswer = Infer<typeof bodyAnswer>;

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
 * Long text bodies are not in it: their events carry `kept`, and the bodies stay in the hook, which lives exactly as
 * long as the relay that would ask for them (both go with the document; both come back from the bfcache).
 * The relay checks the envelope, then each event on its own (handoverEvent).
 */
export const handover = object({
  token: str(LIMITS.handoverToken),
  posted: arrayOf(pageBatchEnvelope, LIMITS.pageRetainedEvents),
  queue: arrayOf(anything, LIMITS.pageBatchEvents),
  /** Bodies let go of since the last batch posted. */
  trimmed: trims,
});
export type Handover = Infer<typeof handover>;
