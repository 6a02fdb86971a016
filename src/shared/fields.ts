/** Field schemas that several messages share. */
import { LIMITS } from './limits';
import { type Infer, int, literal, object, optional, str } from './schema';

/** URL, reason, protocol, stack and error fields. */
export const short = str(LIMITS.shortText);
/** A document key, a payload hash. */
export const key = str(LIMITS.keyChars);
export const direction = literal('send', 'recv');
export type Direction = Infer<typeof direction>;
export const actionKind = literal('send', 'receive', 'close', 'drop', 'refuse');
export type ActionKind = Infer<typeof actionKind>;

/** On a refusal: the rule that refused, as the page holds it after counting this attempt (attempts left, if counted). */
export const ruleCount = object({ id: int, attempts: optional(int) });
export type RuleCount = Infer<typeof ruleCount>;

/** Which API made a connection: absent for WebSocket, 'stream' for WebSocketStream. */
export const socketApi = literal('stream');
/**
 * How a WebSocketStream page ended its side, when not through close(): it cancelled the readable, aborted
 * the writable, or closed the writable (each closes the connection).
 */
export const closeVia = literal('cancel', 'abort', 'writer-close');
export type CloseVia = Infer<typeof closeVia>;

/** What created a worker's sockets: the pseudo-documents of Deep capture (Chromium) and of the worker hook (Firefox). */
export const workerKind = literal('dedicated worker', 'shared worker');
export type WorkerKind = Infer<typeof workerKind>;
