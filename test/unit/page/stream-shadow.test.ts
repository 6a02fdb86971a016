/**
 * The stand-in streams a WebSocketStream's `opened` hands the page (stream-shadow.ts), in front of
 * streams that play the browser's: nothing is read ahead, the last chunk survives the browser's
 * stream closing as it is read, a non-string chunk is converted once, a cancel is recorded, and user
 * actions reach the page's reader and the browser's writer whoever holds the page's locks.
 */
import { describe, expect, it } from 'vitest';
import { createRecorder } from '../../../src/page/recorder';
import type { StreamNatives } from '../../../src/page/stream-natives';
import { shadowStreams } from '../../../src/page/stream-shadow';
import type { CloseVia } from '../../../src/shared/fields';
import { recordingChannel, testNatives } from './fixtures';

const getter = (proto: object, key: string) => Object.getOwnPropertyDescriptor(proto, key)?.get;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The browser's side: a readable we feed and a writable that keeps what reaches it. */
function browser() {
  let feed!: ReadableStreamDefaultController<unknown>;
  const readable = new ReadableStream({
    start(controller) {
      feed = controller;
    },
  });
  const written: unknown[] = [];
  const writable = new WritableStream({ write: (chunk) => void written.push(chunk) });
  let reads = 0;
  const read = ReadableStreamDefaultReader.prototype.read;
  const natives = {
    promiseThen: Promise.prototype.then,
    ReadableStream,
    WritableStream,
    getReader: ReadableStream.prototype.getReader,
    getWriter: WritableStream.prototype.getWriter,
    read(this: ReadableStreamDefaultReader) {
      reads++;
      return read.call(this);
    },
    cancel: ReadableStreamDefaultReader.prototype.cancel,
    readerClosed: getter(ReadableStreamDefaultReader.prototype, 'closed'),
    write: WritableStreamDefaultWriter.prototype.write,
    writerClose: WritableStreamDefaultWriter.prototype.close,
    abort: WritableStreamDefaultWriter.prototype.abort,
    writerClosed: getter(WritableStreamDefaultWriter.prototype, 'closed'),
    enqueue: ReadableStreamDefaultController.prototype.enqueue,
    readableClose: ReadableStreamDefaultController.prototype.close,
    readableError: ReadableStreamDefaultController.prototype.error,
    writableError: WritableStreamDefaultController.prototype.error,
    domName: getter(DOMException.prototype, 'name'),
    domMessage: getter(DOMException.prototype, 'message'),
  } as unknown as StreamNatives;
  return { readable, writable, feed: () => feed, written, reads: () => reads, natives };
}

function setup() {
  const side = browser();
  const link = recordingChannel();
  const recorder = createRecorder(
    testNatives({ bind: Function.prototype.bind, charCodeAt: String.prototype.charCodeAt }),
    '',
    link.channel,
    new WeakMap(),
  );
  const ended: [CloseVia, unknown][] = [];
  const ends = shadowStreams(recorder, side.natives, 1, side.readable, side.writable, (via, reason) => void ended.push([via, reason]));
  const messages = () =>
    link
      .events()
      .flatMap((e) =>
        e.k === 'msg' ? [`${e.dir}:${typeof e.data === 'string' ? e.data : 'binary'}${e.injected ? ':injected' : ''}`] : [],
      );
  return { ...side, ends, ended, messages, events: link.events };
}

describe('WebSocketStream stand-in streams', () => {
  it('reads from the browser only when the page reads, and records each chunk as the page gets it', async () => {
    const { ends, feed, reads, messages } = setup();
    feed().enqueue('one');
    feed().enqueue('two');
    await flush();
    expect(reads()).toBe(0); // nothing read ahead: the browser's queue keeps its backpressure
    const reader = ends.readable.getReader();
    expect(await reader.read()).toEqual({ value: 'one', done: false });
    await flush();
    expect(reads()).toBe(1);
    expect(messages()).toEqual(['recv:one']);
  });

  it('delivers the last chunk when the browser closes its stream as that chunk is read', async () => {
    const { ends, feed } = setup();
    feed().enqueue('last');
    feed().close();
    const reader = ends.readable.getReader();
    expect(await reader.read()).toEqual({ value: 'last', done: false });
    expect(await reader.read()).toEqual({ value: undefined, done: true });
    await expect(reader.closed).resolves.toBeUndefined();
  });

  it('errors the page stream with the browser stream error, at once, without a read', async () => {
    const { ends, feed } = setup();
    const reader = ends.readable.getReader();
    const failure = new DOMException('lost', 'NetworkError');
    feed().error(failure);
    await expect(reader.closed).rejects.toBe(failure);
  });

  it('converts a non-string chunk once, hands the string on, and records it', async () => {
    const { ends, written, messages } = setup();
    let conversions = 0;
    const writer = ends.writable.getWriter();
    await writer.write({
      toString() {
        conversions++;
        return 'converted';
      },
    });
    await writer.write(new Uint8Array([1, 2, 3]));
    expect(conversions).toBe(1);
    expect(written[0]).toBe('converted');
    expect(written[1]).toEqual(new Uint8Array([1, 2, 3]));
    expect(messages()).toEqual(['send:converted', 'send:binary']);
  });

  it('records a cancel with its reason, and cancels the browser stream with the same reason', async () => {
    const { ends, ended, readable } = setup();
    const reason = 'enough';
    await ends.readable.cancel(reason);
    expect(ended).toEqual([['cancel', reason]]);
    expect(readable.locked).toBe(true); // still ours: the page never held the browser's stream
  });

  it('injects a read before the page next read, and a send through the browser writer while the page holds its own', async () => {
    const { ends, written, messages } = setup();
    const pageReader = ends.readable.getReader();
    const pageWriter = ends.writable.getWriter();
    expect(ends.inject.receive('fake')).toBe(true);
    expect(await pageReader.read()).toEqual({ value: 'fake', done: false });
    await ends.inject.send('from the panel');
    expect(written).toEqual(['from the panel']);
    expect(pageWriter.desiredSize).toBe(1);
    expect(messages()).toEqual(['recv:fake:injected', 'send:from the panel:injected']);
    await pageReader.cancel();
    expect(ends.inject.receive('too late')).toBe(false);
  });
});
