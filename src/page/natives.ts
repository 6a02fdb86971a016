/**
 * References to the browser's own functions, taken before any page script runs. The hook calls
 * only these (through Reflect.apply), so a page that later replaces a prototype method, JSON,
 * postMessage or Function.prototype.toString cannot break or observe capture.
 */
import { captureStreamNatives } from './stream-natives';

const { apply, construct, getOwnPropertyDescriptor, defineProperty, getPrototypeOf } = Reflect;

type Getter<T = unknown> = (this: unknown) => T;

const getterOf = (proto: object, key: string): Getter => {
  const desc = getOwnPropertyDescriptor(proto, key);
  if (!desc?.get) throw new Error(`no getter ${key}`);
  return desc.get as Getter;
};

const noWindow: Getter<null> = () => null;

export function captureNatives(win: typeof globalThis) {
  const WS = win.WebSocket;
  const wsProto = WS.prototype;
  // Everything is read from `win`: a child window installed from its parent later has its own, untouched realm.
  const typedArrayProto = getPrototypeOf(win.Uint8Array.prototype) as object;
  return {
    win,
    WebSocket: WS,
    wsProto,
    send: wsProto.send,
    close: wsProto.close,
    wsUrl: getterOf(wsProto, 'url') as Getter<string>,
    wsReadyState: getterOf(wsProto, 'readyState') as Getter<number>,
    wsProtocol: getterOf(wsProto, 'protocol') as Getter<string>,
    wsExtensions: getterOf(wsProto, 'extensions') as Getter<string>,
    /** UTF-8 bytes queued: a text send adds its exact UTF-8 size, synchronously (method-proxies.ts). */
    wsBufferedAmount: getterOf(wsProto, 'bufferedAmount') as Getter<number>,
    addEventListener: win.EventTarget.prototype.addEventListener,
    removeEventListener: win.EventTarget.prototype.removeEventListener,
    dispatchEvent: win.EventTarget.prototype.dispatchEvent,
    messageData: getterOf(win.MessageEvent.prototype, 'data'),
    messageOrigin: getterOf(win.MessageEvent.prototype, 'origin') as Getter<string>,
    messagePorts: getterOf(win.MessageEvent.prototype, 'ports') as Getter<readonly MessagePort[]>,
    closeCode: getterOf(win.CloseEvent.prototype, 'code') as Getter<number>,
    closeReason: getterOf(win.CloseEvent.prototype, 'reason') as Getter<string>,
    closeWasClean: getterOf(win.CloseEvent.prototype, 'wasClean') as Getter<boolean>,
    eventType: getterOf(win.Event.prototype, 'type') as Getter<string>,
    stopImmediatePropagation: win.Event.prototype.stopImmediatePropagation,
    preventDefault: win.Event.prototype.preventDefault,
    CustomEvent: win.CustomEvent,
    customDetail: getterOf(win.CustomEvent.prototype, 'detail'),
    MessageChannel: win.MessageChannel,
    /** Firefox's worker capture (worker-listener.ts, src/worker): the page and its workers meet on a BroadcastChannel. */
    BroadcastChannel: win.BroadcastChannel,
    broadcastPost: win.BroadcastChannel?.prototype.postMessage,
    portPostMessage: win.MessagePort.prototype.postMessage,
    abByteLength: getterOf(win.ArrayBuffer.prototype, 'byteLength') as Getter<number>,
    abSlice: win.ArrayBuffer.prototype.slice,
    isView: win.ArrayBuffer.isView,
    taBuffer: getterOf(typedArrayProto, 'buffer') as Getter<ArrayBuffer>,
    taByteOffset: getterOf(typedArrayProto, 'byteOffset') as Getter<number>,
    taByteLength: getterOf(typedArrayProto, 'byteLength') as Getter<number>,
    dvBuffer: getterOf(win.DataView.prototype, 'buffer') as Getter<ArrayBuffer>,
    dvByteOffset: getterOf(win.DataView.prototype, 'byteOffset') as Getter<number>,
    dvByteLength: getterOf(win.DataView.prototype, 'byteLength') as Getter<number>,
    blobSize: getterOf(win.Blob.prototype, 'size') as Getter<number>,
    Uint8Array: win.Uint8Array,
    ArrayBuffer: win.ArrayBuffer,
    taSet: (typedArrayProto as Uint8Array).set,
    stringSlice: win.String.prototype.slice,
    stringIndexOf: win.String.prototype.indexOf,
    stringLastIndexOf: win.String.prototype.lastIndexOf,
    charCodeAt: win.String.prototype.charCodeAt,
    String: win.String,
    Error: win.Error,
    /** SpiderMonkey keeps `stack` as an accessor on Error.prototype (V8 puts one on each error). */
    errorProtoStack: getOwnPropertyDescriptor(win.Error.prototype, 'stack')?.get as Getter<unknown> | undefined,
    fnToString: win.Function.prototype.toString,
    WeakMap: win.WeakMap,
    WeakSet: win.WeakSet,
    weakSetHas: win.WeakSet.prototype.has,
    weakSetAdd: win.WeakSet.prototype.add,
    weakSetDelete: win.WeakSet.prototype.delete,
    WeakRef: win.WeakRef,
    weakRefDeref: win.WeakRef.prototype.deref,
    RegExp: win.RegExp,
    regExpExec: win.RegExp.prototype.exec,
    Event: win.Event,
    CloseEvent: win.CloseEvent,
    MessageEvent: win.MessageEvent,
    Blob: win.Blob,
    URL: win.URL,
    urlOrigin: getterOf(win.URL.prototype, 'origin') as Getter<string>,
    wsBinaryType: getterOf(wsProto, 'binaryType') as Getter<string>,
    portOnMessage: getOwnPropertyDescriptor(win.MessagePort.prototype, 'onmessage')?.set as (this: MessagePort, f: unknown) => void,
    weakGet: win.WeakMap.prototype.get,
    weakSet: win.WeakMap.prototype.set,
    weakHas: win.WeakMap.prototype.has,
    arraySlice: win.Array.prototype.slice,
    /** The key a browser reads to walk a sequence: read once, as the page may replace `Symbol`. */
    iteratorSymbol: win.Symbol.iterator as typeof Symbol.iterator,
    isArray: win.Array.isArray,
    create: win.Object.create,
    hasOwn: win.Object.prototype.hasOwnProperty,
    Proxy: win.Proxy,
    bind: win.Function.prototype.bind,
    now: win.performance.now.bind(win.performance),
    crypto: win.crypto,
    getRandomValues: win.Crypto.prototype.getRandomValues,
    /** The wall clock, as the panel reads it: a rule's end is a wall-clock time set in another process. */
    dateNow: win.Date.now,
    timeOrigin: win.performance.timeOrigin,
    // A worker (src/worker) has no Document: nothing there reads these three.
    defaultView: (win.Document ? getterOf(win.Document.prototype, 'defaultView') : noWindow) as Getter<typeof globalThis | null>,
    document: win.document,
    documentFonts: win.Document
      ? (getOwnPropertyDescriptor(win.Document.prototype, 'fonts')?.get as Getter<EventTarget | null> | undefined)
      : undefined,
    // A window's Location has an own (unforgeable) href; a worker's WorkerLocation has it on its prototype.
    locationHref: (getOwnPropertyDescriptor(win.location, 'href')
      ? getterOf(win.location, 'href')
      : getterOf(getPrototypeOf(win.location) as object, 'href')) as Getter<string>,
    location: win.location,
    objectProto: win.Object.prototype,
    /** Message rules (rules/): JSON of frames, and the timers that release waiting frames. */
    jsonParse: win.JSON.parse,
    jsonStringify: win.JSON.stringify,
    objectKeys: win.Object.keys,
    setTimeout: win.setTimeout,
    clearTimeout: win.clearTimeout,
    /** WebSocketStream and the streams it hands out, where the browser has them. */
    stream: captureStreamNatives(win),
    apply,
    construct,
    getOwnPropertyDescriptor,
    defineProperty,
  };
}

export type Natives = ReturnType<typeof captureNatives>;
