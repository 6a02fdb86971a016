/** The pure conversion of Chromium's debugger WebSocket events (as measured in Chromium 156) into WireEvents. */
import { describe, expect, it } from 'vitest';
import {
  cdpToWire,
  EventClock,
  newSocketIds,
  socketsGone,
  socketsUnfollowed,
  stackOf,
} from '../../../src/background/deep-capture/cdp-to-wire';
import { WorkerDocument } from '../../../src/background/deep-capture/worker-document';
import { unpackEvents } from '../../../src/shared/event-batch';
import { LIMITS } from '../../../src/shared/limits';
import { checkToPanel } from '../../../src/shared/protocol';

const created = (requestId: string, url = 'ws://127.0.0.1:1/echo') => ({
  requestId,
  url,
  initiator: { type: 'script', stack: { callFrames: [{ functionName: '', url: 'http://a.test/w.js', lineNumber: 0, columnNumber: 11 }] } },
});

describe('cdpToWire', () => {
  it('numbers sockets per worker and converts a whole life: create, open, text and binary both ways, close', () => {
    const ids = newSocketIds();
    const at = (method: string, params: Record<string, unknown>) => cdpToWire(method, params, ids, 1000);
    expect(at('Network.webSocketCreated', created('r.1'))?.event).toEqual({
      k: 'create',
      conn: 1,
      t: 1000,
      url: 'ws://127.0.0.1:1/echo',
      protocols: [],
      stack: 'http://a.test/w.js:1:12',
    });
    expect(at('Network.webSocketCreated', created('r.2'))?.event.conn).toBe(2);
    const headers = { 'Sec-WebSocket-Protocol': 'chat', 'sec-websocket-extensions': 'permessage-deflate' };
    expect(at('Network.webSocketHandshakeResponseReceived', { requestId: 'r.1', response: { status: 101, headers } })?.event).toEqual({
      k: 'open',
      conn: 1,
      t: 1000,
      protocol: 'chat',
      extensions: 'permessage-deflate',
    });
    expect(
      at('Network.webSocketFrameSent', { requestId: 'r.1', response: { opcode: 1, mask: true, payloadData: 'héllo' } })?.event,
    ).toEqual({
      k: 'msg',
      conn: 1,
      t: 1000,
      dir: 'send',
      binary: false,
      size: 6,
      complete: true,
      preview: 'héllo',
    });
    expect(at('Network.webSocketFrameReceived', { requestId: 'r.1', response: { opcode: 2, payloadData: 'AQID' } })?.event).toEqual({
      k: 'msg',
      conn: 1,
      t: 1000,
      dir: 'recv',
      binary: true,
      size: 3,
      complete: true,
      preview: 'AQID',
    });
    expect(at('Network.webSocketFrameError', { requestId: 'r.2', errorMessage: 'boom' })?.event).toEqual({
      k: 'error',
      conn: 2,
      t: 1000,
      error: 'boom',
    });
    expect(at('Network.webSocketClosed', { requestId: 'r.1', timestamp: 5 })?.event).toEqual({ k: 'close', conn: 1, t: 1000 });
    // After its close, the request id is forgotten: a late frame for it is not invented into a new socket.
    expect(at('Network.webSocketFrameReceived', { requestId: 'r.1', response: { opcode: 1, payloadData: 'late' } })).toBeNull();
  });

  it("keeps a socket's events after its create, whose time is its arrival (the debugger gives it no timestamp)", () => {
    const ids = newSocketIds();
    cdpToWire('Network.webSocketCreated', created('r'), ids, 1000);
    const sent = cdpToWire('Network.webSocketFrameSent', { requestId: 'r', response: { opcode: 1, payloadData: 'x' } }, ids, 990);
    expect(sent?.event.t).toBe(1000);
    const later = cdpToWire('Network.webSocketFrameReceived', { requestId: 'r', response: { opcode: 1, payloadData: 'y' } }, ids, 1010);
    expect(later?.event.t).toBe(1010);
  });

  it('leaves out sockets it never saw created, refused handshakes and control frames', () => {
    const ids = newSocketIds();
    expect(cdpToWire('Network.webSocketFrameSent', { requestId: 'old', response: { opcode: 1, payloadData: 'x' } }, ids, 1)).toBeNull();
    cdpToWire('Network.webSocketCreated', created('r'), ids, 1);
    expect(
      cdpToWire('Network.webSocketHandshakeResponseReceived', { requestId: 'r', response: { status: 403, headers: {} } }, ids, 1),
    ).toBeNull();
    expect(cdpToWire('Network.webSocketFrameReceived', { requestId: 'r', response: { opcode: 9, payloadData: '' } }, ids, 1)).toBeNull();
    expect(cdpToWire('Network.webSocketCreated', created('r'), ids, 1)).toBeNull(); // the same socket twice stays one
  });

  it('cuts long payloads to the preview and hands the whole body over, with exact sizes', () => {
    const ids = newSocketIds();
    cdpToWire('Network.webSocketCreated', created('r'), ids, 1);
    const text = 'é'.repeat(LIMITS.previewChars + 10);
    const long = cdpToWire('Network.webSocketFrameSent', { requestId: 'r', response: { opcode: 1, payloadData: text } }, ids, 1)!;
    expect(long.event).toMatchObject({ size: text.length * 2, complete: false, preview: text.slice(0, LIMITS.previewChars) });
    expect(long.body).toEqual({ text });
    const bytes = Buffer.alloc(LIMITS.previewBytes + 100, 7);
    const binary = cdpToWire(
      'Network.webSocketFrameReceived',
      { requestId: 'r', response: { opcode: 2, payloadData: bytes.toString('base64') } },
      ids,
      1,
    )!;
    expect(binary.event).toMatchObject({
      size: bytes.length,
      complete: false,
      preview: bytes.subarray(0, LIMITS.previewBytes).toString('base64'),
    });
    expect(binary.body).toEqual({ base64: bytes.toString('base64') });
  });

  it("keeps bodies to the page hook's cap (the debugger reports them whole) with the exact size", () => {
    const ids = newSocketIds();
    cdpToWire('Network.webSocketCreated', created('r'), ids, 1);
    const text = 'a'.repeat(LIMITS.pagePayloadCap + 5);
    const cut = cdpToWire('Network.webSocketFrameSent', { requestId: 'r', response: { opcode: 1, payloadData: text } }, ids, 1)!;
    expect(cut.event.size).toBe(text.length);
    expect(cut.body).toEqual({ text: text.slice(0, LIMITS.pagePayloadCap) });
    const bytes = Buffer.alloc(LIMITS.pagePayloadCap + 5, 1);
    const binary = cdpToWire(
      'Network.webSocketFrameReceived',
      { requestId: 'r', response: { opcode: 2, payloadData: bytes.toString('base64') } },
      ids,
      1,
    )!;
    expect(binary.event.size).toBe(bytes.length);
    const kept = Buffer.from((binary.body as { base64: string }).base64, 'base64');
    expect(kept.length).toBe(LIMITS.pagePayloadCap - 1); // whole 3-byte groups
    expect(kept.every((b) => b === 1)).toBe(true);
  });

  it('closes the sockets a worker left open when it ended, and marks unfollowed ones, once each', () => {
    const ids = newSocketIds();
    cdpToWire('Network.webSocketCreated', created('a'), ids, 1);
    cdpToWire('Network.webSocketCreated', created('b'), ids, 1);
    cdpToWire('Network.webSocketClosed', { requestId: 'a' }, ids, 1);
    expect(socketsGone(ids, 9, 'gone').map((c) => c.event)).toEqual([{ k: 'close', conn: 2, t: 9, wasClean: false, error: 'gone' }]);
    expect(socketsGone(ids, 10, 'gone')).toEqual([]);
    cdpToWire('Network.webSocketCreated', created('c'), ids, 1);
    expect(socketsUnfollowed(ids, 11, 'off').map((c) => c.event)).toEqual([{ k: 'error', conn: 3, t: 11, error: 'off' }]);
  });
});

describe('EventClock and stackOf', () => {
  it('maps monotonic timestamps to wall-clock ms once it has seen a wallTime', () => {
    const clock = new EventClock();
    expect(clock.wallTime({ timestamp: 10 }, 777)).toBe(777);
    clock.learn({ timestamp: 10, wallTime: 1_700_000_000 });
    expect(clock.wallTime({ timestamp: 10.5 }, 777)).toBe(1_700_000_000_500);
  });

  it("writes at most the hook's number of frames, with function names", () => {
    const callFrames = Array.from({ length: 9 }, (_, i) => ({ functionName: `f${i}`, url: 'u.js', lineNumber: i, columnNumber: 0 }));
    expect(stackOf({ stack: { callFrames } }).split('\n')).toHaveLength(LIMITS.pageStackFrames);
    expect(stackOf({ stack: { callFrames } }).split('\n')[1]).toBe('f1 (u.js:2:1)');
    expect(stackOf(undefined)).toBe('');
  });
});

describe('WorkerDocument', () => {
  it('numbers every event, forwards valid batches with bodies and keeps nothing after', () => {
    const doc = new WorkerDocument('worker-1', 'http://a.test/w.js', 'dedicated worker', 5);
    for (let i = 0; i < LIMITS.batchEvents + 3; i++) doc.add({ event: { k: 'error', conn: 1, t: i } }, 1_000_000);
    doc.add(
      { event: { k: 'msg', conn: 1, t: 9, dir: 'send', binary: false, size: 2000, preview: 'x', complete: false }, body: { text: 'y' } },
      10,
    );
    const messages = doc.take();
    expect(messages).toHaveLength(2);
    for (const m of messages) checkToPanel(m, 'message'); // throws if the background would send something the panel rejects
    const last = messages[1];
    expect(last.type === 'events' && unpackEvents(last.events, 'events').map((e) => e.seq)).toEqual([2001, 2002, 2003, 2004]);
    expect(last.type === 'events' && last.bodies).toEqual([{ seq: 2004, body: { text: 'y' } }]);
    expect(last.type === 'events' && last.frame.worker).toBe('dedicated worker');
    expect(doc.take()).toEqual([]);
  });

  it('drops past the cap but still numbers, so the panel sees the exact gap and the count', () => {
    const doc = new WorkerDocument('worker-2', 'http://a.test/s.js', 'shared worker', 5);
    doc.add({ event: { k: 'error', conn: 1, t: 1 } }, 1);
    doc.add({ event: { k: 'error', conn: 1, t: 2 } }, 0);
    doc.add({ event: { k: 'error', conn: 1, t: 3 } }, 0);
    doc.add({ event: { k: 'error', conn: 1, t: 4 } }, 1);
    const [message] = doc.take();
    expect(message.type === 'events' && unpackEvents(message.events, 'events').map((e) => e.seq)).toEqual([1, 4]);
    expect(message.type === 'events' && message.counters.droppedEvents).toBe(2);
  });
});
