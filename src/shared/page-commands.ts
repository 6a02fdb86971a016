/**
 * The page link, relay → hook: acknowledgements and user actions on the same MessagePort. The hook
 * checks each message over its saved natives (src/page/checks.ts), which is why this module holds only
 * what the hook bundles.
 */
import { short } from './fields';
import { LIMITS } from './limits';
import { holdDecision, messageRule, resentFrom } from './message-rules';
import { arrayOf, type Infer, int, num, object, optional, payload, str, tagged } from './schema';
import { channelName } from './worker-link';

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
  send: { id: int, data: injected, from: optional(resentFrom) },
  /** Dispatch a MessageEvent on the socket (recorded as an injected receive). */
  receive: { id: int, data: injected },
  close: { id: int, code: optional(num), reason: optional(short) },
  /** Close, and show the page error + close 1006 instead of the clean close. */
  drop: { id: int },
  /** Refuse new sockets whose URL matches; a rule the page holds (same id) keeps the attempts it has left. */
  rules: { rules: arrayOf(refuseRule, LIMITS.rules) },
  /** The message rules that are on, in order (an empty list turns them off); replaces the list the hook holds. */
  'msg-rules': { rules: arrayOf(messageRule, LIMITS.messageRules) },
  /** The user's answer to held frame `hold` of socket `id`; `data` for `edited`. */
  hold: { id: int, hold: int, decision: holdDecision, data: optional(injected) },
  /** Post the text of body `id` kept in the hook (an event's `kept`), answering with `request` (page-link.ts's bodyAnswer). */
  body: { request: int, id: int },
  /** No panel can answer holds any more (it closed, or the link was lost): every held frame goes on as it was. */
  'release-holds': {},
  /** Firefox: listen for the worker hooks on this BroadcastChannel (see worker-link.ts); not a user action. */
  'worker-channel': { name: channelName },
});
export type ToPage = Infer<typeof toPage>;
/** A user action for the hook to carry out. */
export type PageCommand = Exclude<ToPage, { c: 'ack' | 'body' | 'worker-channel' }>;
