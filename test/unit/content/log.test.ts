/**
 * The relay's log (src/content/log.ts) and its columns (log-rows.ts): whole small messages kept as numbers plus
 * their text or bytes, every other event as its object, one sequence for both, read back as the summaries the
 * panel gets, in windows, across chunks and past the event cap.
 */
import { describe, expect, it } from 'vitest';
import { RelayLog } from '../../../src/content/log';
import { bytesToBase64, utf8Length } from '../../../src/shared/codec';
import type { WireEvent } from '../../../src/shared/protocol';
import { close, create, received } from '../panel/fixtures';

/** The summary a whole text message gets (what toWire makes of it), with its seq. */
const textSummary = (seq: number, conn: number, t: number, dir: 'send' | 'recv', text: string): WireEvent => ({
  k: 'msg',
  conn,
  t,
  dir,
  binary: false,
  size: utf8Length(text),
  preview: text,
  complete: true,
  seq,
});

const bytesSummary = (seq: number, conn: number, t: number, dir: 'send' | 'recv', bytes: number[]): WireEvent => ({
  k: 'msg',
  conn,
  t,
  dir,
  binary: true,
  size: bytes.length,
  preview: bytesToBase64(new Uint8Array(bytes)),
  complete: true,
  seq,
});

describe('RelayLog', () => {
  it('numbers columnar messages and object events in one sequence, and reads them back as summaries', () => {
    const log = new RelayLog();
    expect(log.append(create(3, 10))).toBe(1);
    expect(log.appendMessage(3, 11.5, 'send', 'héllo 😀\ud800')).toBe(2);
    expect(log.appendMessage(3, 12.25, 'recv', new Uint8Array([0, 255, 7]))).toBe(3);
    expect(log.append(close(3, 13))).toBe(4);
    expect(log.appendMessage(3, 14, 'recv', '')).toBe(5);
    expect(log.appendMessage(3, 15, 'send', new Uint8Array(0))).toBe(6);
    expect(log.since(0)).toEqual([
      { ...create(3, 10), seq: 1 },
      textSummary(2, 3, 11.5, 'send', 'héllo 😀\ud800'),
      bytesSummary(3, 3, 12.25, 'recv', [0, 255, 7]),
      { ...close(3, 13), seq: 4 },
      textSummary(5, 3, 14, 'recv', ''),
      bytesSummary(6, 3, 15, 'send', []),
    ]);
    expect(log.lastSeq).toBe(6);
    // A whole message has no body to ask for.
    expect(log.body(2)).toBeUndefined();
  });

  it('copies a message’s bytes: the batch’s pack they came from may change or go', () => {
    const log = new RelayLog();
    const pack = new Uint8Array([1, 2, 3, 4, 5, 6]);
    log.appendMessage(1, 1, 'recv', new Uint8Array(pack.buffer, 2, 3));
    pack.fill(9);
    expect(log.since(0)).toEqual([bytesSummary(1, 1, 1, 'recv', [3, 4, 5])]);
  });

  it('reads any window of a long capture, across its chunks, in order', () => {
    const log = new RelayLog();
    const expected: WireEvent[] = [];
    for (let seq = 1; seq <= 20_000; seq++) {
      const conn = (seq % 5) + 1;
      if (seq % 997 === 0) {
        log.append(received(conn, seq, 'x'.repeat(2000)), 'x'.repeat(2000));
        expected.push({ ...received(conn, seq, 'x'.repeat(2000)), seq });
      } else if (seq % 2 === 0) {
        log.appendMessage(conn, seq, 'recv', `m${seq}`);
        expected.push(textSummary(seq, conn, seq, 'recv', `m${seq}`));
      } else {
        const bytes = [seq & 255, (seq >> 8) & 255, seq % 7];
        log.appendMessage(conn, seq, 'send', new Uint8Array(bytes));
        expected.push(bytesSummary(seq, conn, seq, 'send', bytes));
      }
    }
    expect(log.since(0)).toEqual(expected);
    for (const [after, max] of [
      [0, 1],
      [63, 2],
      [64, 130],
      [4_000, 4_096],
      [12_345, 2_000],
      [19_990, 2_000],
      [20_000, 5],
    ]) {
      expect(log.since(after, max), `after ${after}, at most ${max}`).toEqual(expected.slice(after, after + max));
    }
    expect(log.since(5, 0)).toEqual([]);
  });

  it('drops the oldest events past its cap, columnar or not, counts them, and lets go of their bodies', () => {
    const log = new RelayLog(1 << 20, 100);
    for (let seq = 1; seq <= 1_000; seq++) {
      if (seq % 10 === 0) log.append(received(1, seq, 'y'.repeat(2000)), 'y'.repeat(2000));
      else log.appendMessage(1, seq, 'recv', new Uint8Array([seq & 255]));
    }
    const kept = log.since(0);
    expect(kept.map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => 901 + i));
    expect(kept[0]).toEqual(bytesSummary(901, 1, 901, 'recv', [901 & 255]));
    expect(log.counters.droppedEvents).toBe(900);
    expect(log.body(890)).toBeUndefined();
    expect(log.missingReason(890)).toContain('dropped');
    expect(log.body(990)).toBe('y'.repeat(2000));
    // A dropped event's body goes with it, counted once, as a dropped event rather than a trimmed body.
    expect(log.counters.trimmedBodies).toBe(0);
    expect(log.since(950, 3).map((e) => e.seq)).toEqual([951, 952, 953]);
  });
});
