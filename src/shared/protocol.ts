/**
 * The extension's own hops: relay (content script) → background → panel, and the requests that flow
 * back, over runtime ports (JSON). Each message is described once as a schema (schema.ts); its type is
 * derived from it, and each receiver checks what it gets with the checks below. The page ↔ relay link
 * is in page-link.ts.
 */

import { actionKind, closeVia, direction, key, ruleCount, short, socketApi, workerKind } from './fields';
import { LIMITS } from './limits';
import { holdDecision, messageRule, resentFrom, ruleEffect } from './message-rules';
import { refuseRule } from './page-commands';
import { arrayOf, bool, type Infer, int, literal, num, object, optional, recordOf, str, tagged, union } from './schema';
import { checker } from './validate';

// The page link's types, for code that reads both hops (and files written before page-link.ts).
export type { ActionKind, Direction, PageCommand, PageEvent, PagePayload, RefuseRule } from './page-link';

// ---------------------------------------------------------------- relay → panel (summaries)

export const eventKind = literal('create', 'open', 'msg', 'send-fail', 'error', 'close', 'close-call', 'action', 'held', 'rule-error');
export type EventKind = Infer<typeof eventKind>;

/**
 * One captured event as the panel sees it. Message payloads travel as a preview; `complete` says
 * whether the preview is the whole payload. Binary previews are base64.
 */
export const wireEvent = object({
  seq: int,
  conn: int,
  k: eventKind,
  t: num,
  url: optional(short),
  protocols: optional(arrayOf(short, LIMITS.protocols)),
  frameUrl: optional(short),
  stack: optional(short),
  protocol: optional(short),
  extensions: optional(short),
  dir: optional(direction),
  binary: optional(bool),
  size: optional(int),
  preview: optional(str(LIMITS.previewWireChars)),
  complete: optional(bool),
  hash: optional(key),
  injected: optional(bool),
  code: optional(num),
  reason: optional(short),
  wasClean: optional(bool),
  error: optional(short),
  action: optional(actionKind),
  detail: optional(short),
  /** On a refusal: the rule and the attempts this document has left. */
  rule: optional(ruleCount),
  /** On `create`: 'stream' for a WebSocketStream (absent for a WebSocket). */
  api: optional(socketApi),
  /** On `close-call`: how a stream's page ended it when not through close(). */
  via: optional(closeVia),
  /** On `msg`: what a message rule did to it. */
  fx: optional(ruleEffect),
  /** On `msg`: the row an injected send was made from. */
  from: optional(resentFrom),
  /** On `held`: the hold's number (answer it with a `hold` command); on `held` and `rule-error`: the rule's id. */
  hold: optional(int),
  ruleId: optional(int),
});
export type WireEvent = Infer<typeof wireEvent>;

/** Health counters of one document's relay: they stay exact when bodies or events are trimmed. */
export const relayCounters = object({
  /** Messages from the page that failed validation. */
  rejected: int,
  /** Capture failures that the hook caught and reported. */
  faults: int,
  /** Payload bodies trimmed to their preview to stay within the budget. */
  trimmedBodies: int,
  trimmedBytes: int,
  /** Whole events dropped (oldest first) past the event cap. */
  droppedEvents: int,
  lastError: optional(short),
  /** Notes from the hook that are not failures (a popup opened in its own tab), and the latest one. */
  notes: optional(int),
  lastNote: optional(short),
});
export type RelayCounters = Infer<typeof relayCounters>;

export { type WorkerKind, workerKind } from './fields';

export const frameInfo = object({
  /** Random per document (or per worker under Deep capture): a reload or navigation yields a new key. */
  key,
  url: short,
  top: bool,
  /** Filled in by the background, which alone knows it (the relay sends -1). */
  frameId: int,
  startedAt: num,
  /** Set only for a worker (Deep capture in Chromium, the worker hook in Firefox): `url` is then its script URL. Its sockets are observe only. */
  worker: optional(workerKind),
});
export type FrameInfo = Infer<typeof frameInfo>;

/** A whole body is bounded by the relay's body budget and the page's payload cap, not here. */
const body = str(Number.MAX_SAFE_INTEGER);
export const payloadBody = union(object({ text: body }), object({ base64: body }), object({ missing: short }));
export type PayloadBody = Infer<typeof payloadBody>;

/** A whole body that Deep capture forwards with its summary: the background keeps no copy, the panel holds it. */
export const heldBody = object({ seq: int, body: payloadBody });
export type HeldBody = Infer<typeof heldBody>;

/** Deep capture's state for the tab, as the background reports it (after each change, and on request). */
export const deepCaptureState = literal('off', 'starting', 'on', 'failed');
export type DeepCaptureState = Infer<typeof deepCaptureState>;

export const toPanel = tagged('type', {
  events: {
    frame: frameInfo,
    /** The batch's `WireEvent[]` as JSON (event-batch.ts): the background routes it unread, the panel checks it. */
    events: str(LIMITS.batchJsonChars),
    counters: relayCounters,
    /** Deep capture only: the bodies longer than their preview (relays answer getPayload instead). */
    bodies: optional(arrayOf(heldBody, LIMITS.batchEvents)),
  },
  /** The answer to getPayload. */
  payload: { requestId: int, frame: key, seq: int, body: payloadBody },
  /** A relay (re)connected: the panel answers with a sync so that nothing is missed. */
  hello: { frame: frameInfo },
  /** The background refused a panel message. */
  error: { message: short },
  /** Deep capture (workers) changed state; `detail` says why, in words for the user. */
  'deep-capture': { state: deepCaptureState, detail: short },
});
export type ToPanel = Infer<typeof toPanel>;

// ---------------------------------------------------------------- panel → relay

/** Commands as the panel sends them: binary data travels as base64, which Chromium before 148 (JSON-only runtime ports) carries too. */
const injected = { id: int, text: optional(str(LIMITS.injectMax)), base64: optional(str(Math.ceil(LIMITS.injectMax / 3) * 4)) };
export const panelCommand = tagged('c', {
  send: { ...injected, from: optional(resentFrom) },
  receive: injected,
  close: { id: int, code: optional(num), reason: optional(short) },
  drop: { id: int },
  /** The answer to held frame `hold` of socket `id`; `text`/`base64` for `edited`. */
  hold: { ...injected, hold: int, decision: holdDecision },
});
export type PanelCommand = Infer<typeof panelCommand>;

export const toRelay = tagged('type', {
  /** Send every event after `since[frameKey]` (all events of unknown frames), then stream live ones. */
  sync: { since: recordOf(int, LIMITS.syncDocuments) },
  getPayload: { requestId: int, frame: key, seq: int },
  /** The last panel of the tab went away: stop streaming. */
  detach: {},
  /** A user action on one socket of one document. */
  command: { frame: key, command: panelCommand },
  /** Refusal rules (reconnection tests, offline mode) for every document of the tab. */
  rules: { rules: arrayOf(refuseRule, LIMITS.rules) },
  /** Message rules for every document of the tab (re-sent when a document says hello; cleared when the panel goes). */
  'msg-rules': { rules: arrayOf(messageRule, LIMITS.messageRules) },
  /** Handled by the background, never forwarded: turn Deep capture (workers) on or off for the tab. */
  'deep-capture': { on: bool },
});
export type ToRelay = Infer<typeof toRelay>;

// ---------------------------------------------------------------- panel ↔ background

/** The first message on a panel's port names the inspected tab. */
export const panelHello = object({ type: literal('subscribe'), tabId: int });
export type PanelHello = Infer<typeof panelHello>;

export const PORT_NAMES = { panel: 'socketscope-panel', relay: 'socketscope-relay' } as const;

// ---------------------------------------------------------------- the receivers' checks

export const checkWireEvent = checker(wireEvent);
export const checkWireEvents = checker(arrayOf(wireEvent, LIMITS.batchEvents));
export const checkToPanel = checker(toPanel);
export const checkToRelay = checker(toRelay);
export const checkPanelHello = checker(panelHello);
