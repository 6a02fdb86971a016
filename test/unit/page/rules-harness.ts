/**
 * One socket with the page hook's send and close proxies, our listeners first, and a page listener after
 * them, over a fake socket in the test realm (happy-dom's EventTarget, MessageEvent and CloseEvent), with
 * timers and the clock faked by vitest. What the "server" got, what the page got and what was recorded are
 * all visible, so ordering can be checked frame by frame.
 */
import { vi } from 'vitest';
import { createActionContext } from '../../../src/page/action-context';
import { createActionState, runCommand } from '../../../src/page/commands';
import type { Family } from '../../../src/page/family';
import { createMethodProxies } from '../../../src/page/method-proxies';
import type { Natives } from '../../../src/page/natives';
import { createRecorder } from '../../../src/page/recorder';
import { createRuleHooks } from '../../../src/page/rules/engine';
import { createSocketListeners, EVENT_TYPES } from '../../../src/page/socket-listeners';
import type { MessageRule } from '../../../src/shared/message-rules';
import type { PageCommand, PageEvent } from '../../../src/shared/protocol';
import { recordingChannel, testNatives } from './fixtures';

export const URL = 'wss://chat.test/ws';

/** The socket as a browser would keep it: state, what went to the server, how it was closed. */
export class FakeSocket extends EventTarget {
  readyState = 1;
  binaryType = 'blob';
  url = URL;
  toServer: unknown[] = [];
  closedWith: unknown[] | null = null;
  /** As the browser's: what a send queued, in bytes (a text's UTF-8 size), added before send returns. */
  bufferedAmount = 0;
  /** What the browser adds to bufferedAmount for a sent text; by default its UTF-8 size, as the socket sends it. */
  countText = (text: string) => new TextEncoder().encode(text).byteLength;
  send(data: unknown) {
    if (this.readyState === 0) throw new DOMException('Still in CONNECTING state.', 'InvalidStateError');
    if (this.readyState === 1) this.toServer.push(data);
    if (typeof data === 'string') this.bufferedAmount += this.countText(data);
  }
  close(...args: unknown[]) {
    this.closedWith = args;
    this.readyState = 2;
  }
}

function natives(): Natives {
  // happy-dom keeps some event fields as own properties: read them as the browser's getters would.
  const self = <K extends string>(key: K) =>
    function (this: Record<K, unknown>) {
      return this[key];
    };
  return testNatives({
    win: globalThis,
    send: FakeSocket.prototype.send,
    close: FakeSocket.prototype.close,
    wsUrl: self('url'),
    wsReadyState: self('readyState'),
    wsBufferedAmount: self('bufferedAmount'),
    wsBinaryType: self('binaryType'),
    addEventListener: EventTarget.prototype.addEventListener,
    dispatchEvent: EventTarget.prototype.dispatchEvent,
    stopImmediatePropagation: Event.prototype.stopImmediatePropagation,
    messageData: self('data'),
    messageOrigin: self('origin'),
    eventType: self('type'),
    closeCode: self('code'),
    closeReason: self('reason'),
    closeWasClean: self('wasClean'),
    MessageEvent,
    CloseEvent,
    Event,
    Blob,
    URL: globalThis.URL,
    urlOrigin: self('origin'),
    WeakMap,
    WeakSet,
    weakSetHas: WeakSet.prototype.has,
    create: Object.create,
    hasOwn: Object.prototype.hasOwnProperty,
    isArray: Array.isArray,
    objectKeys: Object.keys,
    jsonParse: JSON.parse,
    jsonStringify: JSON.stringify,
    RegExp,
    regExpExec: RegExp.prototype.exec,
    stringIndexOf: String.prototype.indexOf,
    // measureText's, for a text cut at the cap
    bind: Function.prototype.bind,
    charCodeAt: String.prototype.charCodeAt,
    Error,
    // Read at each call: vitest's fake timers replace the globals once the test has started.
    setTimeout: (run: () => void, ms: number) => setTimeout(run, ms),
    clearTimeout: (timer: ReturnType<typeof setTimeout>) => clearTimeout(timer),
    now: () => Date.now(),
    timeOrigin: 0,
  } as Partial<Natives>);
}

export interface PageSeen {
  type: string;
  data?: unknown;
  origin?: string;
  isMessageEvent?: boolean;
  code?: number;
}

export function socketWithRules() {
  vi.useFakeTimers();
  const n = natives();
  const { channel, events } = recordingChannel();
  const ids = new WeakMap<object, number>();
  const actions = createActionState(n);
  const family = { ids, sockets: Object.create(null), streams: Object.create(null), actions } as unknown as Family;
  const recorder = createRecorder(n, 'chrome-extension://abc/hook.js', channel, ids);
  const ruleHooks = createRuleHooks(recorder, actions.msg);
  const context = createActionContext(recorder, family);
  const listeners = createSocketListeners(recorder, context, family.sockets, ruleHooks);
  const { sendProxy, closeProxy } = createMethodProxies(recorder, actions.msg, ruleHooks);

  const socket = new FakeSocket();
  ids.set(socket, 1);
  family.sockets[1] = new WeakRef(socket as unknown as WebSocket);
  for (const type of EVENT_TYPES) socket.addEventListener(type, listeners[type] as EventListener);
  const page: PageSeen[] = [];
  const pageListener = (event: Event) =>
    page.push(
      event instanceof MessageEvent
        ? { type: event.type, data: event.data, origin: event.origin, isMessageEvent: true }
        : event instanceof CloseEvent
          ? { type: event.type, code: event.code }
          : { type: event.type },
    );
  for (const type of ['message', 'close', 'error']) socket.addEventListener(type, pageListener);

  const command = (c: PageCommand) => runCommand(context, c);

  return {
    socket,
    page,
    events,
    /** The recorded messages of one direction: their data and effect. */
    messages: (dir?: 'send' | 'recv') =>
      events()
        .filter((e): e is Extract<PageEvent, { k: 'msg' }> => e.k === 'msg' && (dir === undefined || e.dir === dir))
        .map((e) => ({ data: e.data, fx: e.fx })),
    send: (data: unknown) => Reflect.apply(sendProxy, socket, [data]),
    close: (...args: unknown[]) => Reflect.apply(closeProxy, socket, args),
    /** The server sends `data`: a trusted-looking MessageEvent as the browser would dispatch. */
    fromServer: (data: unknown) => socket.dispatchEvent(new MessageEvent('message', { data, origin: 'wss://chat.test' })),
    serverCloses: (code = 1000) => {
      socket.readyState = 3;
      socket.dispatchEvent(new CloseEvent('close', { code, reason: '', wasClean: true }));
    },
    rules: (rules: MessageRule[]) => command({ c: 'msg-rules', rules }),
    command,
    waiting: () => actions.msg.waiting,
    later: (ms: number) => vi.advanceTimersByTime(ms),
    done: () => vi.useRealTimers(),
  };
}
