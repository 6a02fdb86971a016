/**
 * The background is a router, never a store: relays keep the logs, panels keep their copies. It can
 * be stopped at any moment; a restarted background asks the tab's relays to reconnect, and the panel
 * re-syncs from the last sequence number it holds for each document, so nothing is lost or doubled.
 */
import browser from 'webextension-polyfill';
import { checkPanelHello, checkToPanel, checkToRelay, PORT_NAMES, type ToPanel } from '../shared/protocol';
import { TabRouter } from './router';

const router = new TabRouter();

function acceptRelay(port: browser.Runtime.Port) {
  const tabId = port.sender?.tab?.id;
  if (tabId === undefined) return port.disconnect();
  const frameId = port.sender?.frameId ?? 0;
  router.addRelay(tabId, port);
  port.onMessage.addListener((raw: unknown) => {
    let message: ToPanel;
    try {
      message = checkToPanel(raw, 'relay');
    } catch {
      return; // a malformed relay message is dropped here; the relay counts its own failures
    }
    // The relay cannot know its frame id; the browser tells us, and we fill it in.
    if (message.type === 'events' || message.type === 'hello') message.frame.frameId = frameId;
    router.toPanels(tabId, message);
  });
  port.onDisconnect.addListener(() => router.removeRelay(tabId, port));
}

function acceptPanel(port: browser.Runtime.Port) {
  // Only our own extension pages may subscribe to a tab: a content script (a compromised renderer) may not.
  if (!port.sender?.url?.startsWith(browser.runtime.getURL(''))) return port.disconnect();
  let tabId: number | null = null;
  port.onMessage.addListener((raw: unknown) => {
    try {
      if (tabId === null) {
        tabId = checkPanelHello(raw, 'subscribe').tabId;
        router.addPanel(tabId, port);
        if (!router.hasRelays(tabId)) {
          // After a restart we know no relay of this tab: ask every frame to reconnect.
          browser.tabs.sendMessage(tabId, { type: 'relay-reconnect' }).catch(() => undefined);
        }
        return;
      }
      router.toRelays(tabId, checkToRelay(raw, 'panel'));
    } catch (error) {
      port.postMessage({ type: 'error', message: String((error as Error).message) });
    }
  });
  port.onDisconnect.addListener(() => {
    if (tabId !== null) router.removePanel(tabId, port);
  });
}

// Firefox gives DevTools panels no permissions API: they ask here whether content scripts may run.
browser.runtime.onMessage.addListener((message: unknown) => {
  if ((message as { type?: unknown } | null)?.type !== 'host-access') return undefined;
  return browser.permissions.contains({ origins: ['<all_urls>'] });
});

browser.runtime.onConnect.addListener((port) => {
  if (port.name === PORT_NAMES.relay) acceptRelay(port);
  else if (port.name === PORT_NAMES.panel) acceptPanel(port);
  else port.disconnect();
});
