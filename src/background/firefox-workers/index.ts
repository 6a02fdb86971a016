/**
 * Starts Firefox's worker capture where the browser offers blocking webRequest with filterResponseData (Firefox;
 * the Chromium build asks for no webRequest permission, so there this does nothing). See watch.ts.
 */
import type { ToRelayFromBackground } from '../../shared/worker-link';
import { HOOK_FILE, type HookTemplate, hookTemplate } from './hook-text';
import { type WebRequestApi, watchWorkerScripts } from './watch';

interface Tabs {
  sendMessage(tabId: number, message: unknown, options?: { frameId?: number }): Promise<unknown>;
  query(query: object): Promise<{ id?: number; url?: string }[]>;
}
interface Runtime {
  getURL(path: string): string;
}

const randomHex = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
const withoutHash = (url: string) => url.split('#')[0];

export function startWorkerCapture(api: { webRequest?: Partial<WebRequestApi>; tabs: Tabs; runtime: Runtime }): boolean {
  const webRequest = api.webRequest;
  if (typeof webRequest?.filterResponseData !== 'function') return false;
  let template: Promise<HookTemplate | string> | null = null;
  const send = (tabId: number, word: ToRelayFromBackground, frameId?: number) =>
    api.tabs.sendMessage(tabId, word, frameId === undefined ? undefined : { frameId }).catch(() => undefined);
  watchWorkerScripts(webRequest as WebRequestApi, {
    template: () => {
      template ??= fetch(api.runtime.getURL(HOOK_FILE))
        .then((response) => response.text())
        .then(hookTemplate, (error) => `the worker hook could not be loaded: ${String(error)}`);
      return template;
    },
    newName: randomHex,
    probe: `socketscope-${randomHex()}`,
    tell({ tabId, frameId, documentUrl }, word) {
      if (tabId >= 0) return void send(tabId, word, frameId);
      // A shared worker's request belongs to no tab: the tabs that show the document that made it, else every tab.
      // Every frame there opens the channel; the worker takes the first page hook that answers.
      void api.tabs.query({}).then((tabs) => {
        const showing = tabs.filter(
          (tab) => documentUrl !== undefined && tab.url !== undefined && withoutHash(tab.url) === withoutHash(documentUrl),
        );
        for (const tab of showing.length > 0 ? showing : tabs) if (tab.id !== undefined) send(tab.id, word);
      });
    },
  });
  return true;
}
