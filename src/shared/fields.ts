/** Field schemas that several messages share. */
import { LIMITS } from './limits';
import { type Infer, literal, str } from './schema';

/** URL, reason, protocol, stack and error fields. */
export const short = str(LIMITS.shortText);
/** A document key, a payload hash. */
export const key = str(LIMITS.keyChars);
export const direction = literal('send', 'recv');
export type Direction = Infer<typeof direction>;
export const actionKind = literal('send', 'receive', 'close', 'drop', 'refuse');
export type ActionKind = Infer<typeof actionKind>;
