/** Which "Send again on #n" items a sent message's menu offers: other open connections, newest first, at most five. */
import { describe, expect, it } from 'vitest';
import { MAX_OTHER_TARGETS, rowMenuItems } from '../../../src/panel/row-actions/menu-items';
import { ingestEvents } from '../../../src/panel/state/ingest';
import type { Capture, Row } from '../../../src/panel/state/model';
import { captureOf, close, create, noCounters, numbered, open, received, sent, T0 } from '../panel/fixtures';

const sendAgainItems = (capture: Capture, row: Row) =>
  rowMenuItems(capture, row)
    .filter((item) => item.id === 'send-again' || item.id === 'send-again-on')
    .map((item) => (item.unavailable ? `${item.label} (unavailable: ${item.unavailable})` : item.label));

/** The row showing `text`. */
const rowOf = (capture: Capture, text: string) => capture.rows.find((r) => r.k === 'msg' && r.preview === text)!;

describe('Send again on another connection', () => {
  it('offers every other open connection, the newest first, and never the own one, a closed one or one still connecting', () => {
    const capture = captureOf([
      create(1, T0),
      open(1, T0 + 1),
      sent(1, T0 + 2, 'hello'),
      create(2, T0 + 3),
      open(2, T0 + 4),
      create(3, T0 + 5),
      open(3, T0 + 6),
      close(3, T0 + 7),
      create(4, T0 + 8),
      create(5, T0 + 9),
      open(5, T0 + 10),
    ]);
    expect(sendAgainItems(capture, rowOf(capture, 'hello'))).toEqual(['Send again', 'Send again on #5', 'Send again on #2']);
    const [on5] = rowMenuItems(capture, rowOf(capture, 'hello')).filter((item) => item.id === 'send-again-on');
    expect(on5.target).toBe('page:5');
  });

  it(`lists at most ${MAX_OTHER_TARGETS}, the newest`, () => {
    const events = [create(1, T0), open(1, T0 + 1), sent(1, T0 + 2, 'hello')];
    for (let conn = 2; conn <= 9; conn++) events.push(create(conn, T0 + conn * 10), open(conn, T0 + conn * 10 + 1));
    const capture = captureOf(events);
    expect(sendAgainItems(capture, rowOf(capture, 'hello')).slice(1)).toEqual([
      'Send again on #9',
      'Send again on #8',
      'Send again on #7',
      'Send again on #6',
      'Send again on #5',
    ]);
  });

  it('offers a WebSocketStream (it can send) and marks a worker socket of Deep capture observe only', () => {
    const capture = captureOf([
      create(1, T0),
      open(1, T0 + 1),
      sent(1, T0 + 2, 'hello'),
      { ...create(2, T0 + 3), api: 'stream' },
      open(2, T0 + 4),
    ]);
    const worker = {
      key: 'worker-1',
      url: 'http://a.test/w.js',
      top: false,
      frameId: -1,
      startedAt: T0,
      worker: 'dedicated worker' as const,
    };
    ingestEvents(capture, worker, numbered([create(1, T0 + 5), open(1, T0 + 6)]), noCounters());
    expect(sendAgainItems(capture, rowOf(capture, 'hello'))).toEqual([
      'Send again',
      'Send again on #3 (unavailable: Observe only: connection #3 lives in a dedicated worker (http://a.test/w.js); SocketScope watches it, and sending, closing and dropping cannot reach it.)',
      'Send again on #2',
    ]);
  });

  it('offers none for a received message, and none in a read-only import', () => {
    const capture = captureOf([
      create(1, T0),
      open(1, T0 + 1),
      sent(1, T0 + 2, 'hello'),
      received(1, T0 + 3, 'hi'),
      create(2, T0 + 4),
      open(2, T0 + 5),
    ]);
    expect(sendAgainItems(capture, rowOf(capture, 'hi'))).toEqual([]);
    capture.readOnly = true;
    expect(sendAgainItems(capture, rowOf(capture, 'hello'))).toEqual([
      'Send again (unavailable: This capture is a read-only import: actions need a live tab.)',
    ]);
  });
});
