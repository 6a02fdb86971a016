import { describe, expect, it } from 'vitest';
import { isInHook, RelayLog } from '../../../src/content/log';
import { readBody } from '../../../src/content/read-body';
import { toWire } from '../../../src/content/to-wire';
import { unpackEvents } from '../../../src/shared/event-batch';
import { LIMITS } from '../../../src/shared/limits';
import type { CapturedEvent as PageEvent } from '../../../src/shared/page-link';
import { checkToPanel, checkToRelay, type ToPanel } from '../../../src/shared/protocol';

const frame = { key: 'k1', url: 'https://a.test/', top: true, frameId: 0, startedAt: 1 };
const counters = { rejected: 0, faults: 0, trimmedBodies: 0, trimmedBytes: 0, droppedEvents: 0 };

describe('checkToPanel', () => {
  const event = { seq: 1, conn: 1, k: 'msg', t: 1, dir: 'recv', binary: false, size: 2, preview: 'hi', complete: true };

  it.each([
    { type: 'events', frame, events: JSON.stringify([event]), counters },
    { type: 'payload', requestId: 3, frame: 'k1', seq: 9, body: { text: 'whole' } },
    { type: 'payload', requestId: 3, frame: 'k1', seq: 9, body: { base64: 'AAE=' } },
    { type: 'payload', requestId: 3, frame: 'k1', seq: 9, body: { missing: 'trimmed' } },
    { type: 'hello', frame },
    { type: 'error', message: 'no such tab' },
  ])('accepts a valid $type message', (message) => {
    expect(checkToPanel(message, 'message')).toEqual(message);
  });

  it('strips unknown fields, deep inside too (a batch’s events are stripped when the panel unpacks them)', () => {
    const events = JSON.stringify([{ ...event, html: '<b>' }]);
    const checked = checkToPanel({ type: 'events', frame: { ...frame, extra: 1 }, events, counters, x: 1 }, 'message');
    expect(checked).toEqual({ type: 'events', frame, events, counters });
    expect(checked.type === 'events' && unpackEvents(checked.events, 'message.events')).toEqual([event]);
  });

  it.each([
    [{ type: 'events', frame, events: [event], counters }, 'message.events: expected string, got array'],
    [{ type: 'events', frame, events: ' '.repeat(LIMITS.batchJsonChars + 1), counters }, 'message.events: string longer than'],
    [{ type: 'events', frame: { ...frame, top: 1 }, events: '[]', counters }, 'message.frame.top: expected boolean, got number'],
    [{ type: 'events', frame, events: '[]' }, 'message.counters: expected object, got undefined'],
    [{ type: 'payload', requestId: 1, frame: 'k1', seq: 1, body: { neither: 1 } }, 'message.body.missing: expected string, got undefined'],
    [{ type: 'surprise' }, 'message.type: unknown message kind "surprise"'],
  ])('rejects %#: %s', (message, error) => {
    expect(() => checkToPanel(message, 'message')).toThrow(error);
  });
});

describe('checkToRelay', () => {
  it.each([{ type: 'sync', since: { k1: 5, k2: 0 } }, { type: 'getPayload', requestId: 1, frame: 'k1', seq: 2 }, { type: 'detach' }])(
    'accepts a valid $type request',
    (message) => {
      expect(checkToRelay(message, 'request')).toEqual(message);
    },
  );

  it.each([
    [{ type: 'sync', since: { k1: 'five' } }, 'request.since.k1: expected integer, got string'],
    [{ type: 'sync', since: [1] }, 'request.since: expected object, got array'],
    [{ type: 'getPayload', requestId: 1, frame: 'k'.repeat(65), seq: 2 }, 'request.frame: string longer than 64'],
    [{ type: 'getPayload', requestId: 1, frame: 'k1' }, 'request.seq: expected integer, got undefined'],
    [{ type: 'eval', code: '1' }, 'request.type: unknown message kind "eval"'],
  ])('rejects %j', (message, error) => {
    expect(() => checkToRelay(message, 'request')).toThrow(error);
  });

  it('strips extra fields from a detach', () => {
    expect(checkToRelay({ type: 'detach', also: 'this' }, 'request')).toEqual({ type: 'detach' });
  });
});

describe('relay → background → panel, written by the relay', () => {
  /** What the relay stores for each page event and posts as one `events` message, as JSON carries it. */
  function relayed(events: PageEvent[]) {
    const log = new RelayLog();
    for (const event of events) {
      const converted = toWire(event);
      if (converted) log.append(converted.event, converted.body);
    }
    const message: ToPanel = { type: 'events', frame, events: JSON.stringify(log.since(0)), counters: { ...log.counters } };
    return { log, received: checkToPanel(JSON.parse(JSON.stringify(message)), 'relay') };
  }

  it('carries every summary kind the relay writes', () => {
    const long = 'x'.repeat(LIMITS.previewChars + 10);
    const { received } = relayed([
      { k: 'create', id: 1, t: 1, url: 'wss://a/', protocols: ['v1'], frameUrl: 'https://a/', stack: '' },
      { k: 'open', id: 1, t: 2, protocol: 'v1', extensions: '' },
      { k: 'msg', id: 1, t: 3, dir: 'send', data: long },
      { k: 'msg', id: 1, t: 4, dir: 'recv', data: new Uint8Array(LIMITS.previewBytes + 1).buffer, injected: true },
      { k: 'send-fail', id: 1, t: 5, data: 'x', error: 'InvalidStateError' },
      { k: 'close-call', id: 1, t: 6, code: 1000 },
      { k: 'error', id: 1, t: 7 },
      { k: 'close', id: 1, t: 8, code: 1000, reason: '', wasClean: true },
      { k: 'action', id: 1, t: 9, action: 'refuse', detail: 'refused by rule "a"' },
    ]);
    if (received.type !== 'events') throw new Error('not events');
    const events = unpackEvents(received.events, 'events');
    expect(events.map((e) => [e.seq, e.k])).toEqual([
      [1, 'create'],
      [2, 'open'],
      [3, 'msg'],
      [4, 'msg'],
      [5, 'send-fail'],
      [6, 'close-call'],
      [7, 'error'],
      [8, 'close'],
      [9, 'action'],
    ]);
    expect(events[2]).toMatchObject({ size: long.length, complete: false, preview: long.slice(0, LIMITS.previewChars) });
    expect(events[3]).toMatchObject({ binary: true, size: LIMITS.previewBytes + 1, complete: false, injected: true });
  });

  it('carries whole bodies on demand, text and binary', async () => {
    const { log } = relayed([
      { k: 'msg', id: 1, t: 1, dir: 'send', data: 'y'.repeat(LIMITS.previewChars + 1) },
      { k: 'msg', id: 1, t: 2, dir: 'recv', data: new Uint8Array(LIMITS.previewBytes + 1).fill(7).buffer },
    ]);
    for (const seq of [1, 2]) {
      const body = log.body(seq);
      if (body === undefined || isInHook(body)) throw new Error('no body in the relay');
      const message: ToPanel = { type: 'payload', requestId: seq, frame: 'k1', seq, body: await readBody(body) };
      expect(checkToPanel(JSON.parse(JSON.stringify(message)), 'relay')).toEqual(message);
    }
  });
});
