/**
 * The page link, hook → relay and back: each message written by its real writer where the writer can
 * run outside a page, carried as the MessagePort carries it (a structured clone), and read by the
 * receiver's real check.
 */
import { describe, expect, it } from 'vitest';
import { toPageCommand } from '../../../src/content/page-command';
import { pagePrimitives } from '../../../src/page/checks';
import { createPostedLog } from '../../../src/page/posted';
import { deliver } from '../../../src/panel/actions/deliver';
import { buildRefuseRule } from '../../../src/panel/actions/rules';
import { compile } from '../../../src/shared/check';
import { LIMITS } from '../../../src/shared/limits';
import { toPage } from '../../../src/shared/page-commands';
import { type PageBatch, type PageEvent, pageBatchEnvelope, pageEvent } from '../../../src/shared/page-link';
import { EVENT_CODES, encode } from '../../../src/shared/page-tuples';
import { checkToRelay, type PanelCommand } from '../../../src/shared/protocol';
import { isFailed } from '../../../src/shared/schema';
import { checker } from '../../../src/shared/validate';
import { pageNatives } from '../page/natives-fixture';
import { tupleOf } from './page-event-tuples';

const checkPageEvent = checker(pageEvent);
const checkBatch = checker(pageBatchEnvelope);

describe('page events', () => {
  const valid = [
    { k: 'create', id: 1, t: 1, url: 'wss://x/', protocols: ['chat'], frameUrl: 'https://a/', stack: '' },
    { k: 'open', id: 1, t: 2, protocol: 'chat', extensions: '' },
    { k: 'msg', id: 1, t: 3, dir: 'send', data: 'hi' },
    { k: 'msg', id: 1, t: 3, dir: 'recv', data: new ArrayBuffer(4), size: 4_000_000, hash: 'abcd1234', injected: true },
    { k: 'msg', id: 1, t: 3, dir: 'recv', data: new Blob(['x']) },
    { k: 'msg', id: 1, t: 3, dir: 'recv', data: { p: 64, n: 12 } },
    { k: 'msg', id: 1, t: 3, dir: 'send', data: 'x', fx: { rule: 2, kind: 'rewritten', original: 'y' }, from: { frame: 'doc', seq: 4 } },
    { k: 'held', id: 1, t: 3, dir: 'recv', data: 'wait', hold: 5, rule: 2 },
    // A long text kept in the hook: its preview, the whole size and the body's number (the last slot of each).
    { k: 'msg', id: 1, t: 3, dir: 'recv', data: 'preview', size: 5000, kept: 1 },
    { k: 'held', id: 1, t: 3, dir: 'send', data: 'preview', hold: 6, rule: 2, size: 5000, kept: 2 },
    { k: 'send-fail', id: 1, t: 4, data: 'preview', error: 'closed', size: 5000, kept: 3 },
    { k: 'rule-error', t: 3, rule: 2, error: 'not JSON' },
    { k: 'rule-error', id: 1, t: 3, rule: 2, error: 'not JSON' },
    { k: 'send-fail', id: 1, t: 4, data: 'x', error: 'InvalidStateError' },
    { k: 'error', id: 1, t: 5 },
    { k: 'close', id: 1, t: 6, code: 1000, reason: '', wasClean: true },
    { k: 'close-call', id: 1, t: 6, code: 4000 },
    { k: 'fault', t: 7, message: 'oops' },
    { k: 'note', t: 7, message: 'popup in its own tab' },
    { k: 'action', id: 1, t: 8, action: 'refuse', detail: 'refused', rule: { id: 3, attempts: 1 } },
    // WebSocketStream: the api on create, the reason of an error, how the page ended the stream.
    { k: 'create', id: 2, t: 1, url: 'wss://x/', protocols: [], frameUrl: 'https://a/', stack: '', api: 'stream' },
    { k: 'error', id: 2, t: 5, error: 'AbortError: WebSocket handshake was aborted' },
    { k: 'close-call', id: 2, t: 6, reason: 'enough', via: 'cancel' },
    { k: 'close-call', id: 2, t: 6, via: 'writer-close' },
  ];
  it.each(valid)('a $k event goes through the port as its array and is read back whole', (event) => {
    const tuple = tupleOf(event);
    expect(tuple[0]).toBe(EVENT_CODES[event.k as keyof typeof EVENT_CODES]);
    // Node's structuredClone cannot carry a Blob; a browser's port can (the e2e tests send them).
    const carried = tuple.some((value) => value instanceof Blob) ? tuple : structuredClone(tuple);
    expect(checkPageEvent(carried, 'event')).toEqual(event);
  });

  it('every kind has an encoder that writes what the check reads, and every kind is covered above', () => {
    expect(new Set(valid.map((event) => event.k))).toEqual(new Set(Object.keys(EVENT_CODES)));
    for (const event of valid) {
      const slots = (pageEvent.variants as Record<string, readonly (readonly [string, unknown])[]>)[event.k];
      const args = slots.map(([name]) => (event as Record<string, unknown>)[name]);
      const written = (encode as unknown as Record<string, (...a: unknown[]) => unknown[]>)[event.k](...args);
      expect(written).toEqual(tupleOf(event));
    }
  });

  it.each([
    [{ k: 'open', id: '1', t: 1, protocol: '', extensions: '' }, 'event.id: expected integer, got string'],
    [{ k: 'open', id: 1.5, t: 1, protocol: '', extensions: '' }, 'event.id: expected integer, got number'],
    [{ k: 'error', id: 1, t: Number.NaN }, 'event.t: expected number, got NaN'],
    [{ k: 'msg', id: 1, t: 1, dir: 'sideways', data: 'x' }, 'event.dir: expected "send" | "recv", got string'],
    [{ k: 'msg', id: 1, t: 1, dir: 'send', data: 42 }, 'event.data: expected string, ArrayBuffer or Blob, got number'],
    [{ k: 'msg', id: 1, t: 1, dir: 'send', data: 'x', hash: 'h'.repeat(65) }, 'event.hash: string longer than 64'],
    [{ k: 'msg', id: 1, t: 1, dir: 'send', data: 'x', fx: 'delayed' }, 'event.fx: expected object, got string'],
    [{ k: 'close', id: 1, t: 1, code: 1000, reason: '', wasClean: 'yes' }, 'event.wasClean: expected boolean, got string'],
    [{ k: 'create', id: 1, t: 1, url: 'x', protocols: 'chat', frameUrl: '', stack: '' }, 'event.protocols: expected array, got string'],
    [
      { k: 'create', id: 1, t: 1, url: 'x', protocols: [], frameUrl: '', stack: '', api: 'sse' },
      'event.api: expected "stream", got string',
    ],
    [{ k: 'close-call', id: 1, t: 1, via: 'unplug' }, 'event.via: expected "cancel" | "abort" | "writer-close", got string'],
    [{ k: 'fault', t: 1, message: null }, 'event.message: expected string, got null'],
  ])('rejects %j with a clear message', (event, message) => {
    expect(() => checkPageEvent(tupleOf(event), 'event')).toThrow(message);
  });

  it.each([
    [null, 'event: expected array, got null'],
    [{ k: 'error', id: 1, t: 5 }, 'event: expected array, got object'],
    ['[6,1,1]', 'event: expected array, got string'],
    [[], 'event.k: unknown message kind "undefined"'],
    [[99, 1, 1], 'event.k: unknown message kind 99'],
    [[-1, 1, 1], 'event.k: unknown message kind -1'],
    [[1.5, 1, 1], 'event.k: unknown message kind 1.5'],
    [['error', 1, 1, undefined], 'event.k: unknown message kind "string"'],
    [[{ valueOf: (): number => 6 }, 1, 1, undefined], 'event.k: unknown message kind object'],
    [[6, 1, 1], 'event: expected 4 items for "error", got 3'],
    [[6, 1, 1, undefined, '<img onerror>'], 'event: expected 4 items for "error", got 5'],
    [[9, 'oops', 'x'], 'event.t: expected number, got string'],
    [[6, 1, 1, 42], 'event.error: expected string, got number'],
  ])('rejects the malformed array %j', (tuple, message) => {
    expect(() => checkPageEvent(tuple, 'event')).toThrow(message);
  });

  it('rejects huge arrays by their length, before reading any of them', () => {
    const huge = new Array(1_000_000).fill(0);
    huge[0] = 2;
    expect(() => checkPageEvent(huge, 'event')).toThrow('event: expected 11 items for "msg", got 1000000');
  });

  it('rejects strings over the short-text limit', () => {
    const url = 'x'.repeat(LIMITS.shortText + 1);
    expect(() => checkPageEvent(tupleOf({ k: 'create', id: 1, t: 1, url, protocols: [], frameUrl: '', stack: '' }), 'event')).toThrow(
      `event.url: string longer than ${LIMITS.shortText}`,
    );
  });
});

/** Events as the hook builds them (src/page/install.ts, method-proxies.ts, commands.ts): one of each kind. */
const hookEvents = (): PageEvent[] => [
  { k: 'create', id: 1, t: 1, url: 'wss://chat.example/ws', protocols: ['v1', 'v2'], frameUrl: 'https://chat.example/', stack: 'at f' },
  { k: 'open', id: 1, t: 2, protocol: 'v1', extensions: 'permessage-deflate' },
  { k: 'msg', id: 1, t: 3, dir: 'send', data: 'hello', size: undefined, hash: undefined, injected: undefined },
  { k: 'msg', id: 1, t: 4, dir: 'recv', data: new Uint8Array([1, 2, 3]).buffer, size: 5_000_000, hash: '0badf00d', injected: true },
  { k: 'send-fail', id: 1, t: 5, data: 'late', error: 'discarded: the socket is closing or closed' },
  { k: 'close-call', id: 1, t: 6, code: 4000, reason: 'bye', error: undefined },
  { k: 'error', id: 1, t: 7 },
  { k: 'close', id: 1, t: 8, code: 1006, reason: '', wasClean: false },
  { k: 'action', id: 1, t: 9, action: 'drop', detail: 'dropped: the page will see error and close 1006' },
  { k: 'fault', t: 10, message: 'payload: TypeError' },
];
/** What the relay gets: the hook leaves absent fields undefined, a structured clone keeps them so. */
const withoutUndefined = (event: PageEvent) => Object.fromEntries(Object.entries(event).filter(([, v]) => v !== undefined));

describe('hook → relay batches', () => {
  it('carry every event kind, numbered, through the port to the relay check', () => {
    const posted = createPostedLog({ ...pageNatives, arraySlice: Array.prototype.slice } as Parameters<typeof createPostedLog>[0]);
    const first: PageBatch = { b: posted.add(hookEvents().map(tupleOf), null, undefined), events: hookEvents().map(tupleOf) };
    const second: PageBatch = {
      b: posted.add(hookEvents().slice(0, 1).map(tupleOf), null, undefined),
      events: hookEvents().slice(0, 1).map(tupleOf),
    };
    const delivered = [first, second].map((batch) => checkBatch(structuredClone(batch), 'batch'));
    expect(delivered.map((batch) => batch.b)).toEqual([1, 2]);
    const events = delivered[0].events.map((item) => checkPageEvent(item, 'event'));
    expect(events).toEqual(hookEvents().map(withoutUndefined));
  });

  it('are rejected whole when the envelope is wrong, and one bad event costs only itself', () => {
    expect(() => checkBatch({ b: '1', events: [] }, 'batch')).toThrow('batch.b: expected integer, got string');
    expect(() => checkBatch({ b: 1, events: {} }, 'batch')).toThrow('batch.events: expected array, got object');
    const tooMany = { b: 1, events: { length: LIMITS.pageBatchEvents + 1 } };
    expect(() => checkBatch({ ...tooMany, events: Array.from(tooMany.events) }, 'batch')).toThrow(
      `batch.events: more than ${LIMITS.pageBatchEvents} items`,
    );
    const batch = checkBatch(
      {
        b: 1,
        events: [
          [6, 1, 1, undefined],
          [6, 'x', 1, undefined],
        ],
      },
      'batch',
    );
    expect(batch.events.length).toBe(2);
    expect(checkPageEvent(batch.events[0], 'event')).toEqual({ k: 'error', id: 1, t: 1 });
    expect(() => checkPageEvent(batch.events[1], 'event')).toThrow('event.id: expected integer, got string');
  });

  it('reject text payloads over the hook cap, which the hook never sends', () => {
    const data = 'x'.repeat(LIMITS.pagePayloadCap + 1);
    expect(() =>
      checkPageEvent(encode.msg(1, 1, data, 'send', undefined, undefined, undefined, undefined, undefined, undefined), 'event'),
    ).toThrow(`event.data: string longer than ${LIMITS.pagePayloadCap}`);
  });
});

describe('relay → hook', () => {
  const fromRelay = compile(toPage, pagePrimitives(pageNatives));
  /** The panel's command, through the background's check and the relay's conversion, to the hook's check. */
  const toHook = (command: PanelCommand) => {
    const checked = checkToRelay(JSON.parse(JSON.stringify({ type: 'command', frame: 'doc', command })), 'panel');
    if (checked.type !== 'command') throw new Error('not a command');
    const forPage = toPageCommand(checked.command);
    if (typeof forPage === 'string') throw new Error(forPage);
    return fromRelay.check(structuredClone(forPage));
  };
  const sent = (format: 'text' | 'hex' | 'json', text: string) => {
    let command: PanelCommand | undefined;
    const delivery = deliver((c) => (command = c), 7, 'send', text, format);
    if (!delivery.ok || !command) throw new Error('not delivered');
    return command;
  };

  it('carries the panel’s send and receive commands, text and binary, to the hook', () => {
    expect({ ...toHook(sent('text', 'hi')) }).toEqual({ c: 'send', id: 7, data: 'hi' });
    const binary = toHook(sent('hex', '01 ff'));
    if (isFailed(binary) || binary.c !== 'send') throw new Error('rejected');
    expect(new Uint8Array(binary.data as ArrayBuffer)).toEqual(new Uint8Array([1, 255]));
    expect({ ...toHook({ c: 'close', id: 7, code: 4001, reason: 'tests' }) }).toEqual({ c: 'close', id: 7, code: 4001, reason: 'tests' });
    expect({ ...toHook({ c: 'drop', id: 7 }) }).toEqual({ c: 'drop', id: 7 });
  });

  it('carries the panel’s refusal rules and the relay’s acknowledgements', () => {
    const built = buildRefuseRule('/chat\\.example/', 'attempts', '3', 1_000);
    if (!built.ok) throw new Error(built.error);
    const relayed = checkToRelay(JSON.parse(JSON.stringify({ type: 'rules', rules: [built.rule] })), 'panel');
    if (relayed.type !== 'rules') throw new Error('not rules');
    const rules = fromRelay.check(structuredClone({ c: 'rules', rules: relayed.rules }));
    expect(JSON.parse(JSON.stringify(rules))).toEqual({ c: 'rules', rules: [built.rule] });
    expect({ ...fromRelay.check({ c: 'ack', b: 12 }) }).toEqual({ c: 'ack', b: 12 });
  });

  it('rejects what no relay sends: the old ack shape, hostile sizes, inherited commands', () => {
    const rejected = (message: unknown) => (isFailed(fromRelay.check(message)) ? fromRelay.why('') : 'accepted');
    expect(rejected({ ack: 3 })).toBe('c: unknown message kind "undefined"');
    expect(rejected({ c: 'ack', b: 1.5 })).toBe('b: expected integer, got number');
    expect(rejected({ c: 'rules', rules: Array.from({ length: LIMITS.rules + 1 }, (_, id) => ({ id, pattern: 'x' })) })).toBe(
      `rules: more than ${LIMITS.rules} items`,
    );
    expect(rejected({ c: 'receive', id: 1, data: 'x'.repeat(LIMITS.injectMax + 1) })).toBe(`data: string longer than ${LIMITS.injectMax}`);
    expect(rejected({ c: 'hasOwnProperty', id: 1 })).toBe('c: unknown message kind "hasOwnProperty"');
    expect(rejected(Object.create({ c: 'drop', id: 1 }))).toBe('c: unknown message kind "undefined"');
  });
});
