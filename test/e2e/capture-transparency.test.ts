/**
 * Transparency: a page cannot tell that SocketScope runs. One page script (fixtures/capture/
 * fingerprint.js) gathers everything a page can observe about WebSocket into a JSON value; it runs
 * in a browser without the extension and in one with it, against the same servers, and the two
 * values must be equal. Each browser's genuine limits are split out and shown by their own tests.
 * Two parts are also compared on their own, in both browsers: every exception the page provoked (name
 * and message, which are each browser's own texts), and binary messages received while the page
 * switches binaryType between 'blob' and 'arraybuffer' (type, realm, size and bytes).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureReader, CaptureSnapshot } from '../support/capture-reader';
import { launchChromium } from '../support/chromium';
import { type DeflateEcho, startDeflateEcho } from '../support/deflate-echo';
import { chromiumReader, firefoxReader } from '../support/extension-reader';
import { launchFirefox } from '../support/firefox';
import { openWithRules } from '../support/message-rules';
import { type FixtureServer, startFixtureServer } from '../support/servers';

const FINGERPRINT = readFileSync(new URL('../fixtures/capture/fingerprint.js', import.meta.url), 'utf8');

// biome-ignore lint/suspicious/noExplicitAny: the fingerprint is free-form JSON compared as a whole
type Fingerprint = Record<string, any>;

let server: FixtureServer;
let deflate: DeflateEcho;
let url: string;

beforeAll(async () => {
  server = await startFixtureServer();
  deflate = await startDeflateEcho();
  url = server.page(
    '/fingerprint.html',
    `<!doctype html><html><head><script>${FINGERPRINT}</script></head><body>fingerprint</body></html>`,
  );
});

afterAll(async () => {
  await deflate?.close();
  await server?.close();
});

/** Runs the fingerprint in a fresh document of `page`; `open` navigates there (default: a plain goto). */
async function fingerprint(page: Page, open: () => Promise<unknown> = () => page.goto(url)): Promise<Fingerprint> {
  await open();
  const run = page.evaluate(
    (ws: string, dws: string) => (window as never as Fingerprint).socketscopeFingerprint(ws, dws),
    server.wsOrigin,
    deflate.wsOrigin,
  );
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(async () => {
      const section = await page.evaluate(() => (window as never as Fingerprint).socketscopeFingerprintSection).catch(() => '?');
      reject(new Error(`the fingerprint hung in section "${section}"`));
    }, 30_000);
  });
  try {
    return await Promise.race([run, hung]);
  } finally {
    clearTimeout(timer);
  }
}

/** A copy of `value` without the listed paths ("a.b.c"), and with `*` matching any key at that level. */
function without(value: Fingerprint, paths: string[]): Fingerprint {
  const copy = structuredClone(value);
  const drop = (node: Fingerprint, keys: string[]) => {
    if (typeof node !== 'object' || node === null) return;
    const [head, ...rest] = keys;
    for (const key of head === '**' ? Object.keys(node) : [head]) {
      if (head === '**') {
        drop(node[key], keys); // the same pattern, one level down
        if (rest.length) drop(node, rest);
      } else if (rest.length === 0) delete node[key];
      else drop(node[key], rest);
    }
  };
  for (const path of paths) drop(copy, path.split('.'));
  return copy;
}

/** The comparison is only worth something if the fingerprint really exercised the API. */
function expectMeaningful(native: Fingerprint) {
  expect(native.listeners.log).toEqual([
    'open-listener:open:socket',
    'onopen:open:socket',
    ...['A:message:socket', 'D:message:socket', 'C:message:handler-object', 'E:message:socket'],
    ...['A:message:socket', 'C:message:handler-object', 'stopper'],
    ...['A:message:socket', 'C:message:handler-object', 'after-stopper:message:socket', 'late:message:socket'],
    ...['A:message:socket', 'C:message:handler-object', 'after-stopper:message:socket', 'late:message:socket'],
    'onclose:close:socket',
  ]);
  expect(native.socketErrors.whileConnecting.send.threw.name).toBe('InvalidStateError');
  expect(native.socketErrors.closeErrors.badCode.threw.name).toBe('InvalidAccessError');
  expect(native.socketErrors.closeErrors.longReason.threw.name).toBe('SyntaxError');
  expect(native.socketErrors.whileConnecting.sendNoArgs.threw.constructor).toBe('TypeError');
  expect(native.statics.callWithoutNew.threw.constructor).toBe('TypeError');
  expect(native.constructorErrors.duplicateProtocols.threw.name).toBe('SyntaxError');
  expect(native.socketErrors.event).toMatchObject({ type: 'close', isTrusted: true, code: 4000, reason: 'bye', wasClean: true });
  expect(native.listeners.events[0]).toMatchObject({ type: 'message', isTrusted: true, constructor: 'MessageEvent', data: 'first' });
  expect(native.failure.log.map((e: Fingerprint) => e.type)).toEqual(['error', 'close']);
  expect(Object.values(native.urls)[0]).toBe('ws://user:p%40ss@127.0.0.1:PORT/echo');
  expect(native.instance.open.protocol).toBe('chat');
  expect(native.deflate.opened.extensions).toMatch(/permessage-deflate/);
  expect(native.prototypeTraps.log).toEqual([]);
  expect(native.prototypeTraps.out).toMatchObject({ constant: 0, has: true, sendName: 'send' });
  expect(native.subclass).toMatchObject({ instanceOfTagged: true, proto: true, greet: 'T:2', echoed: 'sub', otherProto: true });
}

/**
 * Every exception the fingerprint provoked, by its path in the fingerprint, as a page reads it (the
 * stack aside): bad URLs and protocol lists, sends too early, bad close codes and reasons, wrong `this`...
 */
function exceptions(value: Fingerprint, path = ''): Record<string, Fingerprint> {
  const out: Record<string, Fingerprint> = {};
  if (typeof value !== 'object' || value === null) return out;
  if (value.threw) {
    const { threw } = value;
    out[path] = {
      constructor: threw.constructor,
      name: threw.name,
      message: threw.message,
      code: threw.code,
      isDOMException: threw.isDOMException,
    };
  }
  for (const [key, child] of Object.entries(value)) {
    if (key !== 'threw') Object.assign(out, exceptions(child, path ? `${path}.${key}` : key));
  }
  return out;
}

/** The fingerprint's byte pattern (binaryDelivery's `pattern`). */
const pattern = (length: number) => Uint8Array.from({ length }, (_, i) => (i * 7 + (i >> 8)) & 255);
const BLOB = { tag: '[object Blob]', constructor: 'Blob', instanceOfBlob: true, instanceOfArrayBuffer: false, blobType: '' };
const ARRAY_BUFFER = { tag: '[object ArrayBuffer]', constructor: 'ArrayBuffer', instanceOfBlob: false, instanceOfArrayBuffer: true };
/** A received message's size and content: its bytes in hex up to 16 bytes, and its SHA-256. */
const content = (bytes: Uint8Array) => ({
  size: bytes.length,
  ...(bytes.length <= 16 ? { bytes: Buffer.from(bytes).toString('hex') } : {}),
  sha256: createHash('sha256').update(bytes).digest('hex'),
});
const blobOf = (bytes: number[] | Uint8Array) => ({ ...BLOB, ...content(Uint8Array.from(bytes)) });
const arrayBufferOf = (bytes: number[] | Uint8Array) => ({ ...ARRAY_BUFFER, ...content(Uint8Array.from(bytes)) });

/** What the unpatched browser delivered: each binary message in the type binaryType asked for, with the bytes sent. */
function expectBinaryDelivery(native: Fingerprint) {
  expect(native.defaultBinaryType).toBe('blob');
  expect(native.blob.data).toMatchObject(blobOf([1, 2, 3]));
  expect(native.arraybuffer.data).toMatchObject(arrayBufferOf([4, 5, 6]));
  expect(native.blobAgain.data).toMatchObject(blobOf(pattern(256)));
  expect(native.dataViewAsArrayBuffer.data).toMatchObject(arrayBufferOf(pattern(16).subarray(2, 5)));
  expect(native.blobSentAsArrayBuffer.data).toMatchObject(arrayBufferOf([9, 8, 7]));
  // binaryType is read when the message arrives: a switch right after send() applies to its echo.
  expect(native.switchedAfterSend.data).toMatchObject(arrayBufferOf([12, 13]));
  expect(native.switchedBackAfterSend.data).toMatchObject(blobOf([14, 15]));
  expect(native.emptyArrayBuffer.data).toMatchObject(arrayBufferOf([]));
  expect(native.emptyBlob.data).toMatchObject(blobOf([]));
  expect(native.textWhileArrayBuffer.data).toMatchObject({ type: 'string', text: 'still text' });
  // Larger than the 1 MiB the hook keeps of a payload: the page still gets all of it.
  expect(native.largeArrayBuffer.data).toMatchObject(arrayBufferOf(pattern(1_500_000)));
  expect(native.largeBlob.data).toMatchObject(blobOf(pattern(1_500_000)));
  for (const received of Object.values(native)) if (typeof received === 'object') expect(received.sameObject).toBe(true);
}

/**
 * The cases both browsers share, on the fingerprints their describe took without and with the
 * extension. `ownTexts` holds a few messages of the browser's own, by path, to show whose texts were compared.
 */
function sharedCases(fingerprints: () => { native: Fingerprint; patched: Fingerprint }, ownTexts: Record<string, string>) {
  it('throws the same exceptions, name and message, with and without the extension', () => {
    const { native, patched } = fingerprints();
    const thrown = exceptions(native);
    expect(Object.keys(thrown).length).toBeGreaterThanOrEqual(40);
    expect(exceptions(patched)).toEqual(thrown);
    for (const [path, message] of Object.entries(ownTexts)) expect(thrown[path]?.message, path).toBe(message);
  });

  it('delivers binary messages as binaryType asks, with the same bytes, with and without the extension', () => {
    const { native, patched } = fingerprints();
    expect(patched.binaryDelivery).toEqual(native.binaryDelivery);
    expectBinaryDelivery(native.binaryDelivery);
  });
}

/** The capture of the fingerprint run: proof that the patched browser really recorded it. */
async function expectCaptured(reader: CaptureReader, opts: { binary: boolean }) {
  const capture: CaptureSnapshot = await reader.waitFor(
    (c) => c.events.some((e) => e.k === 'msg' && e.dir === 'recv' && e.preview === 'second'),
    15_000,
    'the fingerprint sockets',
  );
  const msgs = capture.events.filter((e) => e.k === 'msg');
  const has = (dir: string, preview: string) => msgs.some((e) => e.dir === dir && !e.binary && e.preview === preview);
  for (const text of ['first', 'second', 'hello', '42', '[object Object]', 'sub']) {
    expect(has('send', text), `sent "${text}"`).toBe(true);
  }
  expect(has('recv', 'first') && has('recv', 'second') && has('recv', 'sub')).toBe(true);
  // the send while CONNECTING is recorded as failed, with the native error
  expect(capture.events.some((e) => e.k === 'send-fail' && e.preview === 'too early' && /InvalidStateError/.test(e.error ?? ''))).toBe(
    true,
  );
  const deflated = capture.events.find((e) => e.k === 'create' && e.url === `${deflate.wsOrigin}/echo`);
  expect(deflated).toBeDefined();
  const opened = capture.events.find((e) => e.k === 'open' && e.conn === deflated?.conn && e.frame === deflated?.frame);
  expect(opened?.extensions).toMatch(/permessage-deflate/);
  expect(capture.events.some((e) => e.k === 'close' && e.code === 4001 && e.reason === 'done' && e.wasClean)).toBe(true);
  if (opts.binary) {
    expect(msgs.some((e) => e.binary && e.dir === 'send' && e.size === 3)).toBe(true);
    expect(msgs.some((e) => e.binary && e.dir === 'recv' && e.size === 2)).toBe(true);
    for (const counters of Object.values(capture.counters)) expect(counters).toMatchObject({ rejected: 0, faults: 0 });
  }
  return capture;
}

/**
 * A message rule on every socket of the page: each receive waits 5 ms, so every message event the page
 * gets is one the hook stopped and dispatched again (and every close that comes while one waits).
 */
const DELAY_EVERY_RECEIVE = [{ id: 1, url: '', dir: 'recv', match: { m: 'any' }, action: { a: 'delay', ms: 5 } }] as const;

/** The fingerprint again, with DELAY_EVERY_RECEIVE on: the page must see the same API as without the extension. */
const fingerprintWithRule = (page: Page, reader: CaptureReader) =>
  fingerprint(page, () => openWithRules(reader, page, url, [...DELAY_EVERY_RECEIVE]));

/**
 * With a rule on, the page still sees native API shape, exceptions and binaryType data; what differs is only
 * `isTrusted` of the events the hook dispatched again (docs/ARCHITECTURE.md, "Message rules").
 */
function ruleCases(fingerprints: () => { native: Fingerprint; ruled: Fingerprint }, limits: string[]) {
  it('with a message rule on the socket: the same WebSocket, exceptions and binary delivery; only isTrusted tells', () => {
    const { native, ruled } = fingerprints();
    const aside = [...limits, '**.isTrusted'];
    expect(without(ruled, aside)).toEqual(without(native, aside));
    expect(exceptions(ruled)).toEqual(exceptions(native));
    expect(ruled.binaryDelivery).toEqual(native.binaryDelivery);
    // The rule did act: the page's message events are ours, MessageEvents with the socket's origin.
    const event = ruled.listeners.events[0];
    expect(event).toMatchObject({ type: 'message', isTrusted: false, constructor: 'MessageEvent', data: 'first' });
    expect(event.origin).toBe(native.listeners.events[0].origin);
    expect(native.listeners.events[0].isTrusted).toBe(true);
  });
}

/** The stack lines an exception gained from the hook (lines absent from the native stack). */
const extraLines = (native: string, patched: string) => patched.split('\n').filter((line) => !native.split('\n').includes(line));

describe('Chromium', () => {
  let native: Fingerprint;
  let patched: Fingerprint;
  let ruled: Fingerprint;
  let reader: CaptureReader;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const baseline = await launchChromium({ extension: false });
    try {
      native = await fingerprint(baseline.page);
    } finally {
      await baseline.close();
    }
    const session = await launchChromium({ devtools: false });
    close = () => session.close();
    patched = await fingerprint(session.page);
    reader = await chromiumReader(session);
    ruled = await fingerprintWithRule(session.page, reader);
  });

  afterAll(async () => {
    await close?.();
  });

  sharedCases(() => ({ native, patched }), {
    'constructorErrors.unparsableUrl': "Failed to construct 'WebSocket': The URL 'ws://127.0.0.1:99999/' is invalid.",
    'constructorErrors.badScheme':
      "Failed to construct 'WebSocket': The URL's scheme must be either 'http', 'https', 'ws', or 'wss'. 'ftp' is not allowed.",
    'constructorErrors.duplicateProtocols': "Failed to construct 'WebSocket': The subprotocol 'chat' is duplicated.",
    'socketErrors.whileConnecting.send': "Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.",
    'socketErrors.closeErrors.badCode':
      "Failed to execute 'close' on 'WebSocket': The close code must be either 1000, or between 3000 and 4999. 1001 is neither.",
    'socketErrors.closeErrors.longReason':
      "Failed to execute 'close' on 'WebSocket': The close reason must not be greater than 123 UTF-8 bytes.",
    'socketErrors.wrongThis.sendOnProxyOfSocket': 'Illegal invocation',
  });

  ruleCases(() => ({ native, ruled }), ['stacks.conversion']);

  it('shows a page the same WebSocket with and without the extension', () => {
    // The one V8 limit, shown below: page code that send() runs to convert a payload sees our frame.
    expect(without(patched, ['stacks.conversion'])).toEqual(without(native, ['stacks.conversion']));
    // and it is a real comparison: the fingerprint holds what it should
    expect(native.statics.source).toBe('function WebSocket() { [native code] }');
    expect(native.socketErrors.whileConnecting.send.threw.name).toBe('InvalidStateError');
    expectMeaningful(native);
  });

  it('really captured the fingerprint run', async () => {
    await expectCaptured(reader, { binary: true });
  });

  it('shows a page the same WebSocketStream with and without the extension, and captured its streams', async () => {
    // Compared whole above; here the proof that the section exercised what it should.
    const stream = native.stream;
    expect(stream.present).toBe(true);
    expect(stream.statics.source).toBe('function WebSocketStream() { [native code] }');
    expect(stream.errors.badScheme.threw.name).toBe('SyntaxError');
    expect(stream.errors.withoutNew.threw.constructor).toBe('TypeError');
    expect(stream.optionReads).toEqual(['protocols', 'signal']);
    expect(stream.closeReads).toEqual(['closeCode', 'reason']);
    expect(stream.shape.keys).toEqual(['extensions', 'protocol', 'readable', 'writable']);
    expect(stream.desired).toEqual([1, -2, 1]);
    expect(stream.texts).toEqual(['a', 'b', 'c']);
    expect(stream.chunks.number).toMatchObject({ result: 'written', text: '42' });
    expect(stream.throwingWrite.threw).toMatchObject({ name: 'RangeError', message: 'no string' });
    expect(stream.closed).toEqual({ closeCode: 4001, reason: 'bye' });
    expect(stream.failedClosed).toMatchObject({ closeCode: 1006 });
    expect(stream.unhandled).toEqual([]);
    expect(patched.stream).toEqual(stream);
    const capture = await reader.waitFor(
      (c) => c.events.some((e) => e.k === 'close' && e.code === 4001 && e.reason === 'bye' && e.conn !== undefined),
      15_000,
      'the fingerprint streams',
    );
    const streams = capture.events.filter((e) => e.k === 'create' && e.api === 'stream');
    expect(streams.length).toBeGreaterThanOrEqual(10);
    // The first patched run's document: the fingerprint runs again later, with a message rule on.
    const first = streams[0].frame;
    const sizes = capture.events.filter((e) => e.frame === first && e.k === 'msg' && e.binary && e.size === 1_200_000);
    expect(sizes.map((e) => e.dir).sort()).toEqual(['recv', 'send']);
    expect(capture.events.some((e) => e.k === 'close-call' && e.via === 'cancel' && e.reason === 'enough')).toBe(true);
    expect(capture.events.some((e) => e.k === 'close-call' && e.via === 'abort' && e.reason === 'why')).toBe(true);
    expect(capture.events.some((e) => e.k === 'close-call' && e.via === 'writer-close')).toBe(true);
    for (const counters of Object.values(capture.counters)) expect(counters).toMatchObject({ rejected: 0, faults: 0 });
  });

  it('V8 limit: a toString() that send() calls to convert a payload sees the hook on the stack', () => {
    // send(object) converts the object once, in the hook, so that the capture records the string the
    // socket sends; the page's toString runs under our Proxy's apply trap. Exceptions are cleaned of
    // that frame (see errors.ts), but a stack taken inside page code cannot be.
    const extra = extraLines(native.stacks.conversion, patched.stacks.conversion);
    expect(extra).toHaveLength(2);
    expect(extra[0]).toMatch(/^\s+at Object\.String \(<anonymous>\)$/);
    expect(extra[1]).toMatch(/^\s+at Object\.apply \(chrome-extension:\/\/[a-p]{32}\/src\/page\/hook\.iife\.js:\d+:\d+\)$/);
  });
});

describe('Firefox', () => {
  let native: Fingerprint;
  let patched: Fingerprint;
  let ruled: Fingerprint;
  let reader: CaptureReader;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const baseline = await launchFirefox({ extension: false });
    try {
      native = await fingerprint(baseline.page);
    } finally {
      await baseline.close();
    }
    const session = await launchFirefox();
    close = () => session.close();
    patched = await fingerprint(session.page);
    reader = await firefoxReader(session);
    ruled = await fingerprintWithRule(session.page, reader);
  });

  afterAll(async () => {
    await close?.();
  });

  sharedCases(() => ({ native, patched }), {
    'constructorErrors.unparsableUrl': 'An invalid or illegal string was specified',
    'constructorErrors.badScheme': 'An invalid or illegal string was specified',
    'constructorErrors.duplicateProtocols': 'An invalid or illegal string was specified',
    'socketErrors.whileConnecting.send': 'An attempt was made to use an object that is not, or is no longer, usable',
    'socketErrors.closeErrors.badCode': 'A parameter or an operation is not supported by the underlying object',
    'socketErrors.closeErrors.longReason': 'An invalid or illegal string was specified',
    'socketErrors.wrongThis.sendOnProxyOfSocket': "'send' called on an object that does not implement interface WebSocket.",
    'socketErrors.wrongThis.binaryTypeSetter': "'set binaryType' called on an object that does not implement interface WebSocket.",
    'statics.callWithoutNew': "WebSocket constructor: 'new' is required",
    'socketErrors.whileConnecting.sendNoArgs': 'WebSocket.send: 0 is not a valid argument count for any overload.',
  });

  /** The two SpiderMonkey limits, each shown by its own test below. */
  const LIMITS = ['stacks', '**.stackFirstLine', 'statics.windowKeysAround'];

  ruleCases(() => ({ native, ruled }), LIMITS);

  it('shows a page the same WebSocket with and without the extension', () => {
    expect(without(patched, LIMITS)).toEqual(without(native, LIMITS));
    expect(native.statics.source).toBe('function WebSocket() {\n    [native code]\n}');
    expectMeaningful(native);
    expect([...patched.statics.windowKeysAround].sort()).toEqual([...native.statics.windowKeysAround].sort());
  });

  it('has no WebSocketStream, with or without the extension (Firefox ESR 153 does not ship it)', () => {
    expect(native.stream).toEqual({ present: false, inWindow: false });
    expect(patched.stream).toEqual(native.stream);
  });

  // Batches reach Firefox's content script as page-compartment objects; the relay clones them so
  // that binary payloads pass its ArrayBuffer/Blob checks (src/content/page-link.ts).
  it('really captured the fingerprint run, text and binary', async () => {
    await expectCaptured(reader, { binary: false });
    await expectCaptured(reader, { binary: true });
  });

  it('SpiderMonkey limit: exceptions from the patched functions carry one frame of the hook', () => {
    // SpiderMonkey keeps `stack` as an accessor on Error.prototype: rewriting one error's stack
    // would give it an own property, which a page can see. So the trap's frame stays, as the top
    // line of the stack (and it names no URL: MAIN-world scripts show as "<anonymous code>").
    for (const key of ['badScheme', 'sendWhileConnecting', 'toStringOnObject', 'badCloseCode', 'conversion']) {
      const extra = extraLines(native.stacks[key], patched.stacks[key]);
      expect(extra, key).toHaveLength(1);
      expect(extra[0], key).toMatch(/^(construct|apply)@<anonymous code>:\d+:\d+$/);
    }
    expect(native.stacks.callWithoutNew).toBe(patched.stacks.callWithoutNew); // no trap there, so no frame
  });

  it('SpiderMonkey limit: WebSocket is defined on the window earlier than the page would define it', () => {
    // Firefox defines standard globals lazily, on first use. The hook must take WebSocket before any
    // page script runs, so the property exists from document_start and lists before page globals.
    expect(native.statics.windowKeysAround).toEqual(['socketscopeFingerprint', 'socketscopeFingerprintSection', 'WebSocket']);
    expect(patched.statics.windowKeysAround).toEqual(['WebSocket', 'socketscopeFingerprint', 'socketscopeFingerprintSection']);
  });
});
