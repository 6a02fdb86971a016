/**
 * The one-shot runtime messages (no port): the background asks the relays of a tab to reconnect after it
 * was restarted (`tabs.sendMessage`), and a panel without the `permissions` API (Firefox DevTools) asks
 * the background whether content scripts may run (`runtime.sendMessage`). Like every message that
 * crosses a context, their receivers check them.
 */
import { type BoolSchema, bool, type Infer, literal, object } from './schema';
import { type Check, checker } from './validate';

const relayReconnect = object({ type: literal('relay-reconnect') });
export type RelayReconnect = Infer<typeof relayReconnect>;
export const checkRelayReconnect = checker(relayReconnect);
export const RELAY_RECONNECT: RelayReconnect = { type: 'relay-reconnect' };

const hostAccessQuery = object({ type: literal('host-access') });
export type HostAccessQuery = Infer<typeof hostAccessQuery>;
export const checkHostAccessQuery = checker(hostAccessQuery);
export const HOST_ACCESS_QUERY: HostAccessQuery = { type: 'host-access' };

/** The background's answer: may the extension run on every site? */
export const checkHostAccessAnswer = checker<BoolSchema>(bool);

/** Whether `raw` passes `check`: a one-shot receiver ignores what it does not recognise rather than answer it. */
export function isValid<T>(check: Check<T>, raw: unknown): boolean {
  try {
    check(raw, 'message');
    return true;
  } catch {
    return false;
  }
}
