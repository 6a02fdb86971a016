/**
 * The typed protocol between SocketScope's contexts: page hook → relay (content script) → background → panel,
 * and the requests that flow back. Each boundary validates what it receives with the checks below.
 */

import { LIMITS } from './limits';
import { arrayOf, bool, type Check, instance, int, literal, num, object, oneOf, optional, recordOf, str, tagged } from './validate';

export type Direction = 'send' | 'recv';

// ---------------------------------------------------------------- page hook → relay (MessagePort)

export type PagePayload = string | ArrayBuffer | Blob;

export type PageEvent =
  | { k: 'create'; id: number; t: number; url: string; protocols: string[]; frameUrl: string; stack: string }
  | { k: 'open'; id: number; t: number; protocol: string; extensions: string }
  | {
      k: 'msg';
      id: number;
      t: number;
      dir: Direction;
      data: PagePayload;
      /** Exact size when the hook trimmed the payload; otherwise the relay measures `data`. */
      size?: number;
      hash?: string;
      injected?: boolean;
    }
  | { k: 'send-fail'; id: number; t: number; data: PagePayload; error: string }
  | { k: 'error'; id: number; t: number }
  | { k: 'close'; id: number; t: number; code: number; reason: string; wasClean: boolean }
  | { k: 'close-call'; id: number; t: number; code?: number; reason?: string; error?: string }
  | { k: 'fault'; t: number; message: string }
  /** The outcome of a user action (inject, close, drop, refuse), logged in the timeline. */
  | { k: 'action'; id: number; t: number; action: ActionKind; detail: string; error?: string; rule?: RuleCount };

export type ActionKind = 'send' | 'receive' | 'close' | 'drop' | 'refuse';

/** A rule that makes new sockets whose URL matches fail as a refused connection would. */
export interface RefuseRule {
  /** Identity: the list is sent whole on every change and to every new document, and a page keeps counting a rule it holds. */
  id: number;
  /** Substring of the URL, or a regular expression written as /…/. */
  pattern: string;
  /** Epoch ms after which the rule lapses; absent = until removed. */
  until?: number;
  /** Connection attempts left to refuse; absent = unlimited. */
  attempts?: number;
}

/** On a refusal: the rule that refused, as the page holds it after counting this attempt (attempts left, if counted). */
export type RuleCount = Pick<RefuseRule, 'id' | 'attempts'>;

const checkRuleCount: Check<RuleCount> = object({ id: int, attempts: optional(int) });

/** Relay → page hook commands (the reverse direction of the same MessagePort). */
export type PageCommand =
  | { c: 'send'; id: number; data: string | ArrayBuffer }
  | { c: 'receive'; id: number; data: string | ArrayBuffer }
  | { c: 'close'; id: number; code?: number; reason?: string }
  | { c: 'drop'; id: number }
  | { c: 'rules'; rules: RefuseRule[] };

const short = str(LIMITS.shortText);
const payload: Check<PagePayload> = (v, p) => {
  if (typeof v === 'string') return v;
  return oneOf(instance(ArrayBuffer, 'ArrayBuffer'), instance(Blob, 'Blob'), 'string, ArrayBuffer or Blob')(v, p);
};
const dir = literal<Direction>('send', 'recv');

export const checkPageEvent = tagged('k', {
  create: object({
    k: literal('create'),
    id: int,
    t: num,
    url: short,
    protocols: arrayOf(short, 64),
    frameUrl: short,
    stack: short,
  }),
  open: object({ k: literal('open'), id: int, t: num, protocol: short, extensions: short }),
  msg: object({
    k: literal('msg'),
    id: int,
    t: num,
    dir,
    data: payload,
    size: optional(int),
    hash: optional(str(64)),
    injected: optional(bool),
  }),
  'send-fail': object({ k: literal('send-fail'), id: int, t: num, data: payload, error: short }),
  error: object({ k: literal('error'), id: int, t: num }),
  close: object({ k: literal('close'), id: int, t: num, code: int, reason: short, wasClean: bool }),
  'close-call': object({
    k: literal('close-call'),
    id: int,
    t: num,
    code: optional(num),
    reason: optional(short),
    error: optional(short),
  }),
  fault: object({ k: literal('fault'), t: num, message: short }),
  action: object({
    k: literal('action'),
    id: int,
    t: num,
    action: literal<ActionKind>('send', 'receive', 'close', 'drop', 'refuse'),
    detail: short,
    error: optional(short),
    rule: optional(checkRuleCount),
  }),
}) as Check<PageEvent>;

export const checkRefuseRule: Check<RefuseRule> = object({
  id: int,
  pattern: str(2048),
  until: optional(num),
  attempts: optional(int),
});

/** Commands as the panel sends them: binary data travels as base64 over the JSON-only runtime ports. */
export type PanelCommand =
  | { c: 'send' | 'receive'; id: number; text?: string; base64?: string }
  | { c: 'close'; id: number; code?: number; reason?: string }
  | { c: 'drop'; id: number };

const checkPanelCommand: Check<PanelCommand> = tagged('c', {
  send: object({ c: literal('send'), id: int, text: optional(str(LIMITS.injectMax)), base64: optional(str(LIMITS.injectMax * 2)) }),
  receive: object({ c: literal('receive'), id: int, text: optional(str(LIMITS.injectMax)), base64: optional(str(LIMITS.injectMax * 2)) }),
  close: object({ c: literal('close'), id: int, code: optional(num), reason: optional(short) }),
  drop: object({ c: literal('drop'), id: int }),
}) as Check<PanelCommand>;

export const checkPageBatch: Check<PageEvent[]> = arrayOf(checkPageEvent, 1_000_000);

// ---------------------------------------------------------------- relay → panel (summaries)

export type EventKind = 'create' | 'open' | 'msg' | 'send-fail' | 'error' | 'close' | 'close-call' | 'action';

/**
 * One captured event as the panel sees it. Message payloads travel as a preview; `complete` says
 * whether the preview is the whole payload. Binary previews are base64.
 */
export interface WireEvent {
  seq: number;
  conn: number;
  k: EventKind;
  t: number;
  url?: string;
  protocols?: string[];
  frameUrl?: string;
  stack?: string;
  protocol?: string;
  extensions?: string;
  dir?: Direction;
  binary?: boolean;
  size?: number;
  preview?: string;
  complete?: boolean;
  hash?: string;
  injected?: boolean;
  code?: number;
  reason?: string;
  wasClean?: boolean;
  error?: string;
  action?: ActionKind;
  detail?: string;
  rule?: RuleCount;
}

export const checkWireEvent: Check<WireEvent> = object({
  seq: int,
  conn: int,
  k: literal<EventKind>('create', 'open', 'msg', 'send-fail', 'error', 'close', 'close-call', 'action'),
  t: num,
  url: optional(short),
  protocols: optional(arrayOf(short, 64)),
  frameUrl: optional(short),
  stack: optional(short),
  protocol: optional(short),
  extensions: optional(short),
  dir: optional(dir),
  binary: optional(bool),
  size: optional(int),
  preview: optional(str(LIMITS.previewChars * 4)),
  complete: optional(bool),
  hash: optional(str(64)),
  injected: optional(bool),
  code: optional(num),
  reason: optional(short),
  wasClean: optional(bool),
  error: optional(short),
  action: optional(literal<ActionKind>('send', 'receive', 'close', 'drop', 'refuse')),
  detail: optional(short),
  rule: optional(checkRuleCount),
});

/** Health counters of one document's relay: they stay exact when bodies or events are trimmed. */
export interface RelayCounters {
  /** Messages from the page that failed validation. */
  rejected: number;
  /** Capture failures that the hook caught and reported. */
  faults: number;
  /** Payload bodies trimmed to their preview to stay within the budget. */
  trimmedBodies: number;
  trimmedBytes: number;
  /** Whole events dropped (oldest first) past the event cap. */
  droppedEvents: number;
  lastError?: string;
}

const checkCounters: Check<RelayCounters> = object({
  rejected: int,
  faults: int,
  trimmedBodies: int,
  trimmedBytes: int,
  droppedEvents: int,
  lastError: optional(short),
});

export interface FrameInfo {
  /** Random per document: a reload or navigation yields a new key. */
  key: string;
  url: string;
  top: boolean;
  frameId: number;
  startedAt: number;
}

const checkFrameInfo: Check<FrameInfo> = object({
  key: str(64),
  url: short,
  top: bool,
  frameId: int,
  startedAt: num,
});

export type PayloadBody = { text: string } | { base64: string } | { missing: string };

const checkBody: Check<PayloadBody> = (v, p) => {
  const o = v as Record<string, unknown>;
  if (o && typeof o.text === 'string') return { text: o.text };
  if (o && typeof o.base64 === 'string') return { base64: o.base64 };
  return object({ missing: short })(v, p);
};

export type ToPanel =
  | { type: 'events'; frame: FrameInfo; events: WireEvent[]; counters: RelayCounters }
  | { type: 'payload'; requestId: number; frame: string; seq: number; body: PayloadBody }
  /** A relay (re)connected: the panel answers with a sync so that nothing is missed. */
  | { type: 'hello'; frame: FrameInfo }
  /** The background refused a panel message. */
  | { type: 'error'; message: string };

export const checkToPanel = tagged('type', {
  events: object({
    type: literal('events'),
    frame: checkFrameInfo,
    events: arrayOf(checkWireEvent, LIMITS.batchEvents),
    counters: checkCounters,
  }),
  payload: object({ type: literal('payload'), requestId: int, frame: str(64), seq: int, body: checkBody }),
  hello: object({ type: literal('hello'), frame: checkFrameInfo }),
  error: object({ type: literal('error'), message: short }),
}) as Check<ToPanel>;

// ---------------------------------------------------------------- panel → relay

export type ToRelay =
  /** Send every event after `since[frameKey]` (all events of unknown frames), then stream live ones. */
  | { type: 'sync'; since: Record<string, number> }
  | { type: 'getPayload'; requestId: number; frame: string; seq: number }
  | { type: 'detach' }
  /** A user action on one socket of one document. */
  | { type: 'command'; frame: string; command: PanelCommand }
  /** Refusal rules (reconnection tests, offline mode) for every document of the tab. */
  | { type: 'rules'; rules: RefuseRule[] };

export const checkToRelay = tagged('type', {
  sync: object({ type: literal('sync'), since: recordOf(int) }),
  getPayload: object({ type: literal('getPayload'), requestId: int, frame: str(64), seq: int }),
  detach: object({ type: literal('detach') }),
  command: object({ type: literal('command'), frame: str(64), command: checkPanelCommand }),
  rules: object({ type: literal('rules'), rules: arrayOf(checkRefuseRule, 100) }),
}) as Check<ToRelay>;

// ---------------------------------------------------------------- panel ↔ background

/** The first message on a panel's port names the inspected tab. */
export type PanelHello = { type: 'subscribe'; tabId: number };
export const checkPanelHello = object({ type: literal('subscribe'), tabId: int }) as Check<PanelHello>;

export const PORT_NAMES = { panel: 'socketscope-panel', relay: 'socketscope-relay' } as const;
