/**
 * Firefox's worker capture, the background side (docs/ARCHITECTURE.md, "Firefox: the worker's own script,
 * rewritten on the wire"). A request whose `Sec-Fetch-Dest` is `worker` or `sharedworker` is a worker's script (or
 * a module worker's static import); its response gets the worker hook in front, without a new line, after the
 * prologue (insertion.ts), and the document that made the worker learns the name of the BroadcastChannel the hook
 * will talk on. Anything that cannot be rewritten for sure goes through untouched, and the document is told why.
 * Page scripts (`Sec-Fetch-Dest: script`) are never filtered.
 */

import type { WorkerKind } from '../../shared/fields';
import { LIMITS } from '../../shared/limits';
import type { ToRelayFromBackground } from '../../shared/worker-link';
import type { HookConfig, HookTemplate } from './hook-text';
import { insertionPoint, isJavaScript } from './insertion';

/** The slice of Firefox's webRequest this needs (webextension-polyfill's types lack filterResponseData's events). */
export interface StreamFilter {
  ondata: ((event: { data: ArrayBuffer }) => void) | null;
  onstop: (() => void) | null;
  onerror: (() => void) | null;
  write(data: Uint8Array | ArrayBuffer): void;
  close(): void;
  disconnect(): void;
}
interface Header {
  name: string;
  value?: string;
}
interface RequestDetails {
  requestId: string;
  url: string;
  tabId: number;
  frameId: number;
  documentUrl?: string;
  requestHeaders?: Header[];
  responseHeaders?: Header[];
  statusCode?: number;
}
type Listener = (details: RequestDetails) => undefined;
interface RequestEvent {
  addListener(listener: Listener, filter: { urls: string[]; types?: string[] }, extra: string[]): void;
}
export interface WebRequestApi {
  onBeforeSendHeaders: RequestEvent;
  onHeadersReceived: RequestEvent;
  onErrorOccurred: { addListener(listener: (details: { requestId: string }) => void, filter: { urls: string[] }): void };
  filterResponseData(requestId: string): StreamFilter;
}
export interface WorkerWatchHost {
  /** The hook's template, once loaded (null while loading; a string says why it cannot be used). */
  template(): Promise<HookTemplate | string>;
  /** 32 random hex characters. */
  newName(): string;
  /** The session's secret probe event type (see src/worker/start.ts). */
  probe: string;
  /** Tells the relays of a worker's document (a shared worker's: of the tabs that show `documentUrl`). */
  tell(target: { tabId: number; frameId: number; documentUrl?: string }, word: ToRelayFromBackground): void;
}

const KINDS: Record<string, WorkerKind> = { worker: 'dedicated worker', sharedworker: 'shared worker' };
const headerOf = (headers: Header[] | undefined, name: string) => headers?.find((h) => h.name.toLowerCase() === name)?.value;

export function watchWorkerScripts(api: WebRequestApi, host: WorkerWatchHost): void {
  const kinds = new Map<string, WorkerKind>();
  const filter = { urls: ['<all_urls>'], types: ['script'] };
  api.onBeforeSendHeaders.addListener(
    (details) => {
      const kind = KINDS[headerOf(details.requestHeaders, 'sec-fetch-dest') ?? ''];
      if (kind) kinds.set(details.requestId, kind);
      else kinds.delete(details.requestId); // a redirect to a request of another kind keeps its id
      return undefined;
    },
    filter,
    ['requestHeaders'],
  );
  api.onErrorOccurred.addListener((details) => kinds.delete(details.requestId), { urls: ['<all_urls>'] });
  api.onHeadersReceived.addListener(
    (details) => {
      const kind = kinds.get(details.requestId);
      if (!kind) return undefined;
      const status = details.statusCode ?? 0;
      if (status >= 300 && status < 400) return undefined; // the redirected request comes back here
      kinds.delete(details.requestId);
      const skip = (why: string) => host.tell(details, { type: 'worker-skipped', url: details.url.slice(0, LIMITS.shortText), why });
      if (status < 200 || status >= 300) return undefined; // the worker fails to load as it would anyway
      if (!isJavaScript(headerOf(details.responseHeaders, 'content-type'))) return undefined; // same
      const name = host.newName();
      rewrite(api.filterResponseData(details.requestId), host, { name, kind, probe: host.probe }, skip);
      host.tell(details, { type: 'worker-channel', name });
      return undefined;
    },
    filter,
    ['blocking', 'responseHeaders'],
  );
}

/** Holds the script's head until the insertion point is known, writes it with the hook, then streams the rest. */
function rewrite(stream: StreamFilter, host: WorkerWatchHost, config: HookConfig, skip: (why: string) => void) {
  let head: Uint8Array[] = [];
  let headBytes = 0;
  let decided = false;
  // One chain: every decision sees every chunk that came before it, in order.
  let chain: Promise<void> = Promise.resolve();
  const takeHead = () => {
    const out = new Uint8Array(headBytes);
    let offset = 0;
    for (const chunk of head) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    head = [];
    headBytes = 0;
    return out;
  };
  const decide = async (complete: boolean) => {
    if (decided) return;
    const place = insertionPoint(takeHeadCopy(), complete, LIMITS.workerScriptHead);
    if ('more' in place) return;
    const template = await host.template();
    // Chunks that came while the template loaded are in the head too: all of it is written now, synchronously.
    const all = takeHead();
    decided = true;
    if ('skip' in place || typeof template === 'string') {
      skip('skip' in place ? place.skip : (template as string));
      stream.write(all);
      return;
    }
    stream.write(all.subarray(0, place.at));
    stream.write(template(config));
    stream.write(all.subarray(place.at));
  };
  const takeHeadCopy = () => {
    const bytes = takeHead();
    head = [bytes];
    headBytes = bytes.byteLength;
    return bytes;
  };
  /** A failure of ours leaves the script as it came. */
  const asItCame = (error: unknown) => {
    decided = true;
    skip(`the rewrite failed: ${String(error)}`);
    stream.write(takeHead());
  };
  stream.ondata = ({ data }) => {
    if (decided) return void stream.write(data);
    head.push(new Uint8Array(data));
    headBytes += data.byteLength;
    chain = chain.then(() => decide(false)).catch(asItCame);
  };
  stream.onstop = () => {
    chain = chain
      .then(() => decide(true))
      .catch(asItCame)
      .finally(() => stream.close());
  };
  stream.onerror = () => undefined; // the response failed: the worker gets the browser's own error
}
