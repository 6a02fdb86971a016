/** The panel's side of `host-access` (src/shared/one-shot.ts), for a panel that has no `permissions` API (Firefox DevTools). */
import { checkHostAccessAnswer, HOST_ACCESS_QUERY } from '../../shared/one-shot';

export interface OneShotSender {
  sendMessage(message: unknown): Promise<unknown>;
}

/** Asks the background; throws when the answer is missing or not a boolean. */
export async function askBackgroundForHostAccess(runtime: OneShotSender): Promise<boolean> {
  return checkHostAccessAnswer(await runtime.sendMessage(HOST_ACCESS_QUERY), 'host-access answer');
}
