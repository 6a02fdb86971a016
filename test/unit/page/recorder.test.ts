/** The page hook's recorder: the one place where what a socket did becomes an event on the channel. */
import { describe, expect, it } from 'vitest';
import { createRecorder } from '../../../src/page/recorder';
import { EVENT_TIME, recordingChannel, testNatives } from './fixtures';

const OWN = 'chrome-extension://abc/hook.js';

function setup() {
  const link = recordingChannel();
  const ids = new WeakMap<object, number>();
  return { ...link, ids, recorder: createRecorder(testNatives(), OWN, link.channel, ids) };
}

describe('the page recorder', () => {
  it('knows our sockets by id, and nothing else', () => {
    const { recorder, ids } = setup();
    const socket = {};
    ids.set(socket, 7);
    expect(recorder.idOf(socket)).toBe(7);
    expect(recorder.idOf({})).toBeUndefined();
    expect(recorder.idOf('not a socket')).toBeUndefined();
    expect(recorder.idOf(null)).toBeUndefined();
  });

  it('records a payload as a message, or as a failed send with its reason', () => {
    const { recorder, pushed, events } = setup();
    recorder.recordPayload(3, 'recv', recorder.snap('hello'), undefined, true);
    const bytes = new Uint8Array([1, 2, 3]);
    recorder.recordPayload(3, 'send', recorder.snap(bytes));
    recorder.recordPayload(3, 'send', recorder.snap('late'), 'InvalidStateError: still connecting');
    expect(events()).toEqual([
      { k: 'msg', id: 3, t: EVENT_TIME, dir: 'recv', data: 'hello', size: undefined, hash: undefined, injected: true },
      { k: 'msg', id: 3, t: EVENT_TIME, dir: 'send', data: expect.any(ArrayBuffer), size: undefined, hash: undefined, injected: undefined },
      { k: 'send-fail', id: 3, t: EVENT_TIME, data: 'late', error: 'InvalidStateError: still connecting' },
    ]);
    // binary is a private copy, handed over to the relay: the page keeps its own buffer
    const binary = pushed[1];
    expect(binary.transfer).toBe((binary.event as { data: unknown }).data);
    expect(new Uint8Array(binary.transfer as ArrayBuffer)).toEqual(bytes);
    expect(binary.transfer).not.toBe(bytes.buffer);
  });

  it('records nothing for a value that is no payload', () => {
    const { recorder, events } = setup();
    expect(recorder.snap(42)).toBeNull();
    recorder.recordPayload(1, 'send', recorder.snap(42));
    expect(events()).toEqual([]);
  });

  it('turns its own failures into fault events, cut to 500 characters', () => {
    const { recorder, events } = setup();
    recorder.fault('open', new TypeError('boom'));
    recorder.fault('close', 'x'.repeat(600));
    recorder.fault('send', { toString: () => Symbol('not text') }); // a value that cannot be made text
    expect(events()).toEqual([
      { k: 'fault', t: EVENT_TIME, message: 'open: TypeError: boom' },
      { k: 'fault', t: EVENT_TIME, message: `close: ${'x'.repeat(493)}` },
      { k: 'fault', t: EVENT_TIME, message: 'send' },
    ]);
  });

  it('reports a payload it fails to read as a fault, and records no message', () => {
    const link = recordingChannel();
    const unreadable = () => {
      throw new RangeError('detached');
    };
    // a view whose buffer cannot be read, whichever kind of view it is
    const n = testNatives({ taBuffer: unreadable, dvBuffer: unreadable });
    const recorder = createRecorder(n, OWN, link.channel, new WeakMap());
    expect(recorder.snap(new Uint8Array(4))).toBeNull();
    expect(link.events()).toEqual([{ k: 'fault', t: EVENT_TIME, message: 'payload: RangeError: detached' }]);
  });
});
