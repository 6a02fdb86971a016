/**
 * The readable and writable a page gets from a WebSocketStream's `opened`: real streams of the page's
 * realm standing in front of the browser's own, which only we hold (locked by our reader and writer).
 * Nothing is read ahead: our readable has a high-water mark of 0, so it pulls one chunk from the
 * browser's stream exactly when the page asks for one, and the browser's own queue keeps its
 * backpressure on the network as without us. Our writable has the browser's strategy (count,
 * high-water mark 1) and hands each chunk on one at a time, as the browser's would reach its sink.
 * Chunks are recorded as they pass: received when the page reads one, sent when the browser's write
 * settles. Why this and not pipeThrough or patched reader methods: docs/ARCHITECTURE.md.
 */
import type { CloseVia } from '../shared/fields';
import { LIMITS } from '../shared/limits';
import { describeError } from './errors';
import type { Recorder } from './method-proxies';
import type { Snapshot } from './payload';
import type { StreamNatives } from './stream-natives';

/** What user actions can do to a stream once it opened. */
export interface StreamInjector {
  /** Writes through the browser's writer (the page's lock is on our stand-in); settles as that write does. */
  send(data: string | ArrayBuffer): Promise<unknown>;
  /** Puts a chunk before the page's next read; false when the readable has ended (closed, errored or cancelled). */
  receive(data: string | ArrayBuffer): boolean;
}

export interface StreamEnds {
  readable: ReadableStream;
  writable: WritableStream;
  inject: StreamInjector;
}

const noop = () => undefined;

export function shadowStreams(
  r: Recorder,
  s: StreamNatives,
  id: number,
  readable: ReadableStream,
  writable: WritableStream,
  ended: (via: CloseVia, reason: unknown) => void,
): StreamEnds {
  const { n, snap, recordPayload, fault } = r;
  const then = (p: unknown, ok: (v: never) => unknown, fail: (e: unknown) => unknown) =>
    n.apply(s.promiseThen, p, [ok, fail]) as Promise<unknown>;
  const reader = n.apply(s.getReader, readable, []);
  const writer = n.apply(s.getWriter, writable, []);
  let rc: ReadableStreamDefaultController | undefined;
  let wc: WritableStreamDefaultController | undefined;
  let readableEnded = false;
  let pulling = false;
  let closeAfterPull = false;

  const endReadable = (error?: { reason: unknown }) => {
    if (readableEnded) return;
    readableEnded = true;
    try {
      if (error) n.apply(s.readableError, rc, [error.reason]);
      else n.apply(s.readableClose, rc, []);
    } catch {
      // the page cancelled ours meanwhile: nothing left to end
    }
  };

  const recordRead = (value: unknown, injected?: boolean) => {
    try {
      recordPayload(id, 'recv', snap(value), undefined, injected);
    } catch (error) {
      fault('stream read', error);
    }
  };

  const recordWrite = (snapshot: Snapshot | null, injected?: boolean) => {
    try {
      recordPayload(id, 'send', snapshot, undefined, injected);
    } catch (error) {
      fault('stream write', error);
    }
  };

  const pull = () => {
    pulling = true;
    return then(
      n.apply(s.read, reader, []),
      (result: { done: boolean; value: unknown }) => {
        pulling = false;
        if (result.done) return endReadable();
        recordRead(result.value);
        n.apply(s.enqueue, rc, [result.value]);
        // The browser's stream closes as its last chunk is read, before that read's promise settles.
        if (closeAfterPull) endReadable();
      },
      (reason) => {
        pulling = false;
        endReadable({ reason });
      },
    );
  };

  const source = {
    __proto__: null,
    start: (controller: ReadableStreamDefaultController) => {
      rc = controller;
    },
    pull,
    cancel: (reason: unknown) => {
      readableEnded = true;
      ended('cancel', reason);
      return n.apply(s.cancel, reader, [reason]);
    },
  };
  const ours = new s.ReadableStream(source as UnderlyingDefaultSource, { __proto__: null, highWaterMark: 0 } as QueuingStrategy);
  then(
    n.apply(s.readerClosed, reader, []),
    () => {
      if (pulling) closeAfterPull = true;
      else endReadable();
    },
    (reason) => endReadable({ reason }),
  );

  const sink = {
    __proto__: null,
    start: (controller: WritableStreamDefaultController) => {
      wc = controller;
    },
    write: (chunk: unknown) => {
      const { value, snapshot } = prepareChunk(r, chunk);
      return then(
        n.apply(s.write, writer, [value]),
        () => recordWrite(snapshot),
        (error) => {
          try {
            recordPayload(id, 'send', snapshot, describeStreamError(r, s, error));
          } catch (inner) {
            fault('stream write', inner);
          }
          throw error;
        },
      );
    },
    close: () => {
      ended('writer-close', undefined);
      return n.apply(s.writerClose, writer, []);
    },
    abort: (reason: unknown) => {
      ended('abort', reason);
      return n.apply(s.abort, writer, [reason]);
    },
  };
  const ourWritable = new s.WritableStream(sink as UnderlyingSink, { __proto__: null, highWaterMark: 1 } as QueuingStrategy);
  // The browser's writable errors when the connection ends (close(), the server, the network): ours follows.
  then(n.apply(s.writerClosed, writer, []), noop, (reason) => {
    try {
      n.apply(s.writableError, wc, [reason]);
    } catch {
      // already ended
    }
  });

  const inject: StreamInjector = {
    send: (data) => {
      const snapshot = snap(data);
      return then(
        n.apply(s.write, writer, [data]),
        () => recordWrite(snapshot, true),
        (error) => {
          throw error;
        },
      );
    },
    receive: (data) => {
      if (readableEnded || closeAfterPull) return false;
      try {
        n.apply(s.enqueue, rc, [data]);
      } catch {
        return false;
      }
      recordRead(data, true);
      return true;
    },
  };
  return { readable: ours, writable: ourWritable, inject };
}

/**
 * What the browser's write gets and what the capture records: strings and buffers as they are; any
 * other value converted to a string once, here, as the browser would convert it (so page code runs
 * once). A conversion that throws is handed on as an object that throws the same, so the browser
 * fails the write exactly as it would have.
 */
function prepareChunk(r: Recorder, chunk: unknown): { value: unknown; snapshot: Snapshot | null } {
  const { n, snap } = r;
  let snapshot = typeof chunk === 'object' && chunk !== null ? snap(chunk) : null;
  // A Blob is not a binary chunk for a stream: the browser writes its string form.
  if (snapshot && typeof snapshot.data !== 'string' && snapshot.transfer === undefined && snapshot.arena === undefined) snapshot = null;
  if (snapshot || typeof chunk === 'symbol') return { value: chunk, snapshot };
  let value: unknown = chunk;
  if (typeof chunk !== 'string') {
    try {
      value = n.String(chunk);
    } catch (error) {
      const thrower = {
        __proto__: null,
        toString: () => {
          throw error;
        },
      };
      return { value: thrower, snapshot: null };
    }
  }
  return { value, snapshot: snap(value) };
}

/** "Name: message" of a stream's error, read through the browser's own getters where it is a DOMException. */
export function describeStreamError(r: Recorder, s: StreamNatives, error: unknown): string {
  const { n } = r;
  try {
    const text = `${n.apply(s.domName, error, [])}: ${n.apply(s.domMessage, error, [])}`;
    return n.apply(n.stringSlice, text, [0, LIMITS.pageErrorText]) as string;
  } catch {
    return describeError(n, error);
  }
}
