/** The background's side of the one-shot runtime messages (src/shared/one-shot.ts). */
import { checkHostAccessQuery, isValid, RELAY_RECONNECT } from '../shared/one-shot';

export interface TabMessaging {
  sendMessage(tabId: number, message: unknown): Promise<unknown>;
}

export interface PermissionQuery {
  contains(permissions: { origins: string[] }): Promise<boolean>;
}

/** After a restart the background knows no relay: every frame of the tab connects again. */
export function askRelaysToReconnect(tabs: TabMessaging, tabId: number): void {
  tabs.sendMessage(tabId, RELAY_RECONNECT).catch(() => undefined); // a tab without relays (a browser page) has nobody to answer
}

/** Answers a panel's host-access question; anything else gets no answer (undefined lets other listeners reply). */
export function answerOneShot(raw: unknown, permissions: PermissionQuery): Promise<boolean> | undefined {
  if (!isValid(checkHostAccessQuery, raw)) return undefined;
  return permissions.contains({ origins: ['<all_urls>'] });
}
