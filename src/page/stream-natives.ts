/**
 * The natives the WebSocketStream capture needs, taken with the others before any page script runs
 * (see natives.ts). Undefined where the browser has no WebSocketStream (Firefox ESR 153).
 */
const { getOwnPropertyDescriptor } = Reflect;

type Getter<T = unknown> = (this: unknown) => T;
type Method = (this: unknown, ...args: unknown[]) => unknown;

const getterOf = <T>(proto: object, key: string): Getter<T> => {
  const desc = getOwnPropertyDescriptor(proto, key);
  if (!desc?.get) throw new Error(`no getter ${key}`);
  return desc.get as Getter<T>;
};

interface StreamWindow {
  WebSocketStream?: new (url: string, options?: object) => object;
  WebSocketError?: { prototype: object };
}

export function captureStreamNatives(win: typeof globalThis) {
  const WSS = (win as StreamWindow).WebSocketStream;
  if (typeof WSS !== 'function') return undefined;
  const proto = WSS.prototype as Record<string, unknown>;
  const wseProto = (win as StreamWindow).WebSocketError?.prototype;
  const readerProto = win.ReadableStreamDefaultReader.prototype;
  const writerProto = win.WritableStreamDefaultWriter.prototype;
  return {
    WebSocketStream: WSS,
    proto,
    url: getterOf<string>(proto, 'url'),
    opened: getterOf<Promise<unknown>>(proto, 'opened'),
    closed: getterOf<Promise<unknown>>(proto, 'closed'),
    close: proto.close as Method,
    /** WebSocketError's close code and reason: how a failed or abandoned stream says why. */
    errorCode: wseProto ? getterOf<number | null>(wseProto, 'closeCode') : undefined,
    errorReason: wseProto ? getterOf<string>(wseProto, 'reason') : undefined,
    domName: getterOf<string>(win.DOMException.prototype, 'name'),
    domMessage: getterOf<string>(win.DOMException.prototype, 'message'),
    Promise: win.Promise,
    promiseThen: win.Promise.prototype.then,
    ReadableStream: win.ReadableStream,
    WritableStream: win.WritableStream,
    getReader: win.ReadableStream.prototype.getReader as Method,
    getWriter: win.WritableStream.prototype.getWriter as Method,
    read: readerProto.read as Method,
    cancel: readerProto.cancel as Method,
    readerClosed: getterOf<Promise<undefined>>(readerProto, 'closed'),
    write: writerProto.write as Method,
    writerClose: writerProto.close as Method,
    abort: writerProto.abort as Method,
    writerClosed: getterOf<Promise<undefined>>(writerProto, 'closed'),
    enqueue: win.ReadableStreamDefaultController.prototype.enqueue as Method,
    readableClose: win.ReadableStreamDefaultController.prototype.close as Method,
    readableError: win.ReadableStreamDefaultController.prototype.error as Method,
    writableError: win.WritableStreamDefaultController.prototype.error as Method,
    get: Reflect.get,
  };
}

export type StreamNatives = NonNullable<ReturnType<typeof captureStreamNatives>>;
