import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/shared/limits';
import { checkPageEvent, checkToPanel, checkToRelay } from '../../../src/shared/protocol';

const frame = { key: 'k1', url: 'https://a.test/', top: true, frameId: 0, startedAt: 1 };
const counters = { rejected: 0, faults: 0, trimmedBodies: 0, trimmedBytes: 0, droppedEvents: 0 };

describe('checkPageEvent', () => {
  it.each([
    { k: 'create', id: 1, t: 1, url: 'wss://x/', protocols: ['chat'], frameUrl: 'https://a/', stack: '' },
    { k: 'open', id: 1, t: 2, protocol: 'chat', extensions: '' },
    { k: 'msg', id: 1, t: 3, dir: 'send', data: 'hi' },
    { k: 'msg', id: 1, t: 3, dir: 'recv', data: new ArrayBuffer(4), size: 4_000_000, hash: 'abcd1234', injected: true },
    { k: 'msg', id: 1, t: 3, dir: 'recv', data: new Blob(['x']) },
    { k: 'send-fail', id: 1, t: 4, data: 'x', error: 'InvalidStateError' },
    { k: 'error', id: 1, t: 5 },
    { k: 'close', id: 1, t: 6, code: 1000, reason: '', wasClean: true },
    { k: 'close-call', id: 1, t: 6, code: 4000 },
    { k: 'fault', t: 7, message: 'oops' },
  ])('accepts a valid $k event', (event) => {
    expect(checkPageEvent(event, 'event')).toEqual(event);
  });

  it('strips fields that are not part of the protocol', () => {
    const checked = checkPageEvent({ k: 'error', id: 1, t: 5, evil: '<img onerror>', __proto__x: 1 }, 'event');
    expect(checked).toEqual({ k: 'error', id: 1, t: 5 });
  });

  it.each([
    [{ k: 'open', id: '1', t: 1, protocol: '', extensions: '' }, 'event.id: expected integer, got string'],
    [{ k: 'open', id: 1.5, t: 1, protocol: '', extensions: '' }, 'event.id: expected integer, got number'],
    [{ k: 'error', id: 1, t: Number.NaN }, 'event.t: expected number'],
    [{ k: 'msg', id: 1, t: 1, dir: 'sideways', data: 'x' }, 'event.dir: expected "send" | "recv", got string'],
    [{ k: 'msg', id: 1, t: 1, dir: 'send', data: 42 }, 'event.data: expected string, ArrayBuffer or Blob, got number'],
    [{ k: 'msg', id: 1, t: 1, dir: 'send', data: 'x', hash: 'h'.repeat(65) }, 'event.hash: string longer than 64'],
    [{ k: 'close', id: 1, t: 1, code: 1000, reason: '', wasClean: 'yes' }, 'event.wasClean: expected boolean, got string'],
    [{ k: 'create', id: 1, t: 1, url: 'x', protocols: 'chat', frameUrl: '', stack: '' }, 'event.protocols: expected array, got string'],
    [{ k: 'teleport', id: 1, t: 1 }, 'event.k: unknown message kind "teleport"'],
    [{ id: 1, t: 1 }, 'event.k: unknown message kind "undefined"'],
    [null, 'event: expected object, got null'],
    [[], 'event.k: unknown message kind "undefined"'],
  ])('rejects %j with a clear message', (event, message) => {
    expect(() => checkPageEvent(event, 'event')).toThrow(message);
  });

  it('rejects strings over the short-text limit', () => {
    const url = 'x'.repeat(LIMITS.shortText + 1);
    expect(() => checkPageEvent({ k: 'create', id: 1, t: 1, url, protocols: [], frameUrl: '', stack: '' }, 'event')).toThrow(
      `event.url: string longer than ${LIMITS.shortText}`,
    );
  });

  it('does not treat inherited properties as message kinds', () => {
    expect(() => checkPageEvent({ k: 'toString', t: 1 }, 'event')).toThrow('unknown message kind "toString"');
  });
});

describe('checkToPanel', () => {
  const event = { seq: 1, conn: 1, k: 'msg', t: 1, dir: 'recv', binary: false, size: 2, preview: 'hi', complete: true };

  it.each([
    { type: 'events', frame, events: [event], counters },
    { type: 'payload', requestId: 3, frame: 'k1', seq: 9, body: { text: 'whole' } },
    { type: 'payload', requestId: 3, frame: 'k1', seq: 9, body: { base64: 'AAE=' } },
    { type: 'payload', requestId: 3, frame: 'k1', seq: 9, body: { missing: 'trimmed' } },
    { type: 'hello', frame },
    { type: 'error', message: 'no such tab' },
  ])('accepts a valid $type message', (message) => {
    expect(checkToPanel(message, 'message')).toEqual(message);
  });

  it('strips unknown fields, deep inside too', () => {
    const checked = checkToPanel(
      { type: 'events', frame: { ...frame, extra: 1 }, events: [{ ...event, html: '<b>' }], counters, x: 1 },
      'message',
    );
    expect(checked).toEqual({ type: 'events', frame, events: [event], counters });
  });

  it.each([
    [{ type: 'events', frame, events: [{ ...event, k: 'boom' }], counters }, 'message.events[0].k: expected'],
    [
      { type: 'events', frame, events: [{ ...event, preview: 'x'.repeat(LIMITS.previewChars * 4 + 1) }], counters },
      'message.events[0].preview: string longer than',
    ],
    [
      { type: 'events', frame, events: new Array(LIMITS.batchEvents + 1).fill(event), counters },
      `message.events: more than ${LIMITS.batchEvents} items`,
    ],
    [{ type: 'events', frame: { ...frame, top: 1 }, events: [], counters }, 'message.frame.top: expected boolean, got number'],
    [{ type: 'events', frame, events: [] }, 'message.counters: expected object, got undefined'],
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
