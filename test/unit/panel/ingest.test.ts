import { describe, expect, it } from 'vitest';
import { clearCapture, ingestEvents, keepWithinRowCap } from '../../../src/panel/state/ingest';
import { emptyCapture, newConnection } from '../../../src/panel/state/model';
import { captureOf, close, create, doc, noCounters, numbered, open, received, sent, T0 } from './fixtures';

const s = (seconds: number) => T0 + seconds * 1000;
const kinds = (capture: ReturnType<typeof emptyCapture>) => capture.rows.map((r) => (r.k === 'msg' ? `${r.dir}:${r.preview}` : r.k));

describe('ingestEvents', () => {
  it('builds connections, rows and traffic from one document', () => {
    const capture = captureOf([create(1, s(0), 'wss://chat.test/'), open(1, s(1)), sent(1, s(2), 'hi'), received(1, s(3), 'hello')]);
    expect(kinds(capture)).toEqual(['create', 'open', 'send:hi', 'recv:hello']);
    expect(capture.connections.get('page:1')).toMatchObject({
      ordinal: 1,
      url: 'wss://chat.test/',
      state: 'open',
      openedAt: s(1),
      lastMessageAt: s(3),
      sent: { messages: 1, bytes: 2 },
      received: { messages: 1, bytes: 5 },
    });
  });

  it('marks a WebSocketStream connection with its api, and counts its chunks as messages', () => {
    const capture = captureOf([
      { ...create(1, s(0), 'wss://stream.test/'), api: 'stream' },
      open(1, s(1)),
      sent(1, s(2), 'chunk'),
      received(1, s(3), 'chunk'),
      { k: 'close-call', conn: 1, t: s(4), reason: 'enough', via: 'cancel' },
      { ...close(1, s(5), 1005) },
      create(2, s(6), 'wss://socket.test/'),
    ]);
    expect(capture.connections.get('page:1')).toMatchObject({
      api: 'stream',
      state: 'closed',
      sent: { messages: 1, bytes: 5 },
      received: { messages: 1, bytes: 5 },
      close: { code: 1005, reason: '', wasClean: true },
    });
    expect(capture.connections.get('page:2')?.api).toBeUndefined();
  });

  it('ignores sequence numbers it has already seen (a resync that overlaps)', () => {
    const capture = emptyCapture();
    const page = doc('page');
    const events = numbered([create(1, s(0)), open(1, s(1)), sent(1, s(2), 'once')]);
    expect(ingestEvents(capture, page, events, noCounters())).toBe(3);
    expect(ingestEvents(capture, page, events.slice(1), noCounters())).toBe(0);
    expect(kinds(capture)).toEqual(['create', 'open', 'send:once']);
    expect(capture.connections.get('page:1')?.sent.messages).toBe(1);
  });

  it('records a gap row and counts the missing events when sequence numbers jump', () => {
    const capture = emptyCapture();
    const page = doc('page');
    ingestEvents(capture, page, numbered([create(1, s(0)), open(1, s(1))]), noCounters());
    ingestEvents(capture, page, numbered([sent(1, s(5), 'after')], 6), noCounters());
    expect(kinds(capture)).toEqual(['create', 'open', 'gap', 'send:after']);
    expect(capture.rows[2]).toMatchObject({ k: 'gap', gap: 3, seq: 5 });
    expect(capture.frames.get('page')?.missing).toBe(3);
  });

  it('while paused, counts skipped events but keeps connection statistics exact', () => {
    const capture = captureOf([create(1, s(0)), open(1, s(1))]);
    capture.paused = true;
    ingestEvents(capture, doc('page'), numbered([sent(1, s(2), 'a'), sent(1, s(3), 'b')], 3), noCounters());
    expect(capture.rows).toHaveLength(2);
    expect(capture.skippedWhilePaused).toBe(2);
    expect(capture.connections.get('page:1')?.sent).toEqual({ messages: 2, bytes: 2 });
    expect(capture.series.get('*')?.size).toBe(2);
  });

  it('marks a connection closed with its close details', () => {
    const capture = captureOf([create(1, s(0)), open(1, s(1)), close(1, s(2), 4001)]);
    expect(capture.connections.get('page:1')).toMatchObject({ state: 'closed', closedAt: s(2), close: { code: 4001, wasClean: true } });
  });
});

describe('clearCapture', () => {
  it('drops rows, series and closed connections; open ones stay with fresh counters', () => {
    const capture = captureOf([create(1, s(0)), open(1, s(1)), sent(1, s(2), 'x'), create(2, s(0)), open(2, s(1)), close(2, s(3))]);
    clearCapture(capture);
    expect(capture.rows).toEqual([]);
    expect(capture.series.size).toBe(0);
    expect([...capture.connections.keys()]).toEqual(['page:1']);
    expect(capture.connections.get('page:1')).toMatchObject({ state: 'open', sent: { messages: 0, bytes: 0 }, openedAt: s(1) });
    // New traffic after the clear counts from zero, and old sequence numbers stay deduplicated.
    ingestEvents(capture, doc('page'), numbered([sent(1, s(4), 'yz')], 7), noCounters());
    expect(capture.connections.get('page:1')?.sent).toEqual({ messages: 1, bytes: 2 });
    expect(kinds(capture)).toEqual(['send:yz']);
  });
});

describe('navigation', () => {
  const firstDocument = () => captureOf([create(1, s(0)), open(1, s(1)), sent(1, s(2), 'old')], doc('first', s(0)));

  it('a new top-level document drops what earlier documents captured', () => {
    const capture = firstDocument();
    ingestEvents(capture, doc('second', s(10)), numbered([create(1, s(11)), sent(1, s(12), 'new')]), noCounters());
    expect(kinds(capture)).toEqual(['create', 'send:new']);
    expect([...capture.connections.keys()]).toEqual(['second:1']);
    expect([...capture.frames.keys()]).toEqual(['second']);
    expect([...(capture.series.get('*')?.keys() ?? [])]).toEqual([s(12) / 1000]);
  });

  it('with "preserve log", earlier documents stay', () => {
    const capture = firstDocument();
    capture.preserveLog = true;
    ingestEvents(capture, doc('second', s(10)), numbered([create(1, s(11)), sent(1, s(12), 'new')]), noCounters());
    expect(kinds(capture)).toEqual(['create', 'open', 'send:old', 'create', 'send:new']);
    expect([...capture.connections.keys()]).toEqual(['first:1', 'second:1']);
    expect(capture.connections.get('second:1')?.ordinal).toBe(2);
  });

  it('a new subframe document does not drop anything', () => {
    const capture = firstDocument();
    ingestEvents(capture, doc('ad-frame', s(10), false), numbered([create(1, s(11))]), noCounters());
    expect(capture.connections.size).toBe(2);
  });
});

describe('newConnection', () => {
  const start = {
    frame: 'page',
    conn: 4,
    ordinal: 2,
    url: 'wss://chat.test/',
    frameUrl: 'https://page.test/',
    protocols: ['chat'],
    stack: 'at connect (app.js:1)',
    createdAt: s(1),
  };

  it('starts connecting, keyed by document and socket, with no protocol and no traffic', () => {
    expect(newConnection(start)).toEqual({
      ...start,
      key: 'page:4',
      state: 'connecting',
      protocol: '',
      extensions: '',
      sent: { messages: 0, bytes: 0 },
      received: { messages: 0, bytes: 0 },
      errors: 0,
      samples: [],
    });
  });

  it('gives every connection its own traffic counters', () => {
    const a = newConnection(start);
    const b = newConnection({ ...start, conn: 5 });
    a.sent.messages++;
    expect(b.sent.messages).toBe(0);
  });

  it('is what the reducer records for a new socket, numbered in order of appearance', () => {
    const capture = captureOf([create(1, s(0), 'wss://first.test/'), create(2, s(1), 'wss://second.test/')]);
    expect(capture.connections.get('page:2')).toEqual(
      newConnection({
        frame: 'page',
        conn: 2,
        ordinal: 2,
        url: 'wss://second.test/',
        frameUrl: '',
        protocols: [],
        stack: '',
        createdAt: s(1),
      }),
    );
  });
});

describe('the panel row cap', () => {
  it('drops the oldest rows past the cap, a twentieth more at once, and counts them; connection totals keep them', () => {
    const capture = captureOf([create(1, T0), open(1, T0), ...Array.from({ length: 23 }, (_, i) => sent(1, T0 + i, `m${i}`))]);
    expect(capture.rows).toHaveLength(25);
    keepWithinRowCap(capture, 20);
    expect(capture.rows).toHaveLength(19); // 5 over the cap, and 1 (a twentieth of 20) to spare
    expect(capture.droppedRows).toBe(6);
    expect(capture.rows[0].k === 'msg' && capture.rows[0].preview).toBe('m4');
    expect(capture.connections.get('page:1')?.sent.messages).toBe(23);
    keepWithinRowCap(capture, 20);
    expect(capture.droppedRows).toBe(6); // under the cap: nothing more
    clearCapture(capture);
    expect(capture.droppedRows).toBe(0);
  });
});
