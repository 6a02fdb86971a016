/**
 * The background is a router, never a store: relays keep the logs, panels keep their copies. It can
 * be stopped at any moment; a restarted background asks the tab's relays to reconnect, and the panel
 * re-syncs from the last sequence number it holds for each document, so nothing is lost or doubled.
 * This file only checks who connects, adapts their ports and wires them to the router.
 */
import browser from 'webextension-polyfill';
import { portTransport } from '../shared/port-transport';
import { PORT_NAMES } from '../shared/protocol';
import { browserDebugger } from './deep-capture/debugger-api';
import { DeepCaptureHub } from './deep-capture/hub';
import { startWorkerCapture } from './firefox-workers';
import { answerOneShot, askRelaysToReconnect } from './one-shot';
import { TabRouter } from './router';

const deepCapture = new DeepCaptureHub(browserDebugger(), {
  post: (tabId, message) => router.toPanels(tabId, message),
  pageUrl: async (tabId) => (await browser.tabs.get(tabId)).url ?? '',
});
const router = new TabRouter((tabId) => askRelaysToReconnect(browser.tabs, tabId), deepCapture);
// Registered at the top level, so that a debugger event wakes a stopped service worker into these listeners.
globalThis.chrome?.debugger?.onEvent.addListener((source, method, params) => deepCapture.event(source, method, params));
globalThis.chrome?.debugger?.onDetach.addListener((source, reason) => deepCapture.detached(source, reason));

/** Only our own extension pages may subscribe to a tab: a content script (a compromised renderer) may not. */
const isOwnPage = (port: browser.Runtime.Port) => port.sender?.url?.startsWith(browser.runtime.getURL('')) === true;

browser.runtime.onConnect.addListener((port) => {
  const tabId = port.sender?.tab?.id;
  if (port.name === PORT_NAMES.relay && tabId !== undefined) router.acceptRelay(portTransport(port), tabId, port.sender?.frameId ?? 0);
  else if (port.name === PORT_NAMES.panel && isOwnPage(port)) router.acceptPanel(portTransport(port));
  else port.disconnect();
});

// Firefox gives DevTools panels no permissions API: they ask here whether content scripts may run.
browser.runtime.onMessage.addListener((message: unknown) => answerOneShot(message, browser.permissions));
// Firefox: worker sockets through the worker's own script (firefox-workers/); the Chromium build has no webRequest.
startWorkerCapture(browser as unknown as Parameters<typeof startWorkerCapture>[0]);
