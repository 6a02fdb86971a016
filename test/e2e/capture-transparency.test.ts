/**
 * Transparency: a page cannot tell that SocketScope runs. One page script (fixtures/capture/
 * fingerprint.js) gathers everything a page can observe about WebSocket into a JSON value; it runs
 * in a browser without the extension and in one with it, against the same servers, and the two
 * values must be equal. Each browser's genuine limits are split out and shown by their own tests.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureReader, CaptureSnapshot } from '../support/capture-reader';
import { launchChromium } from '../support/chromium';
import { type DeflateEcho, startDeflateEcho } from '../support/deflate-echo';
import { chromiumReader, firefoxReader } from '../support/extension-reader';
import { launchFirefox } from '../support/firefox';
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

async function fingerprint(page: Page): Promise<Fingerprint> {
  await page.goto(url);
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
  expect(native.subclass).toMatchObject({ instanceOfTagged: true, proto: true, greet: 'T:2', echoed: 'sub', otherProto: true });
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

/** The stack lines an exception gained from the hook (lines absent from the native stack). */
const extraLines = (native: string, patched: string) => patched.split('\n').filter((line) => !native.split('\n').includes(line));

describe('Chromium', () => {
  let native: Fingerprint;
  let patched: Fingerprint;
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
  });

  afterAll(async () => {
    await close?.();
  });

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
  });

  afterAll(async () => {
    await close?.();
  });

  /** The two SpiderMonkey limits, each shown by its own test below. */
  const LIMITS = ['stacks', '**.stackFirstLine', 'statics.windowKeysAround'];

  it('shows a page the same WebSocket with and without the extension', () => {
    expect(without(patched, LIMITS)).toEqual(without(native, LIMITS));
    expect(native.statics.source).toBe('function WebSocket() {\n    [native code]\n}');
    expectMeaningful(native);
    expect([...patched.statics.windowKeysAround].sort()).toEqual([...native.statics.windowKeysAround].sort());
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
