/** A small but complete capture for export/import tests: two documents, lifecycle, text, binary, trims, a gap. */

import { ingestEvents } from '../../../src/panel/state/ingest';
import { type Capture, emptyCapture, type Row } from '../../../src/panel/state/model';
import type { FrameInfo, RelayCounters, WireEvent } from '../../../src/shared/protocol';

export const T0 = 1_700_000_000_123.456;
export const TOP: FrameInfo = {
  key: 'frame-top',
  url: 'https://app.example/page?session=abc123',
  top: true,
  frameId: 0,
  startedAt: T0 - 50,
};
export const SUB: FrameInfo = { key: 'frame-sub', url: 'https://widgets.example/embed', top: false, frameId: 7, startedAt: T0 - 20 };
export const COUNTERS: RelayCounters = { rejected: 1, faults: 0, trimmedBodies: 2, trimmedBytes: 4096, droppedEvents: 0 };
const ZERO: RelayCounters = { rejected: 0, faults: 0, trimmedBodies: 0, trimmedBytes: 0, droppedEvents: 0 };

export const SECRET_URL = 'wss://bob:hunter2@api.example/socket?token=s3cr3t-url&room=7';
export const AUTH_JSON = '{"type":"auth","access_token":"tok-AAA","user":"bob","nested":{"apiKey":"key-BBB","count":3}}';
export const LONG_TEXT = `{"list":[${Array.from({ length: 400 }, (_, i) => i).join(',')}],"password":"pw-CCC"}`;
/** base64 of bytes 00 01 fe ff */
export const BINARY = 'AAH+/w==';

type E = Omit<WireEvent, 'seq'>;

export function topEvents(): E[] {
  return [
    {
      k: 'create',
      conn: 1,
      t: T0,
      url: SECRET_URL,
      protocols: ['chat', 'json'],
      frameUrl: TOP.url,
      stack: 'at connect (https://app.example/app.js:10:5)',
    },
    { k: 'open', conn: 1, t: T0 + 12.25, protocol: 'chat', extensions: 'permessage-deflate' },
    { k: 'msg', conn: 1, t: T0 + 20.5, dir: 'send', binary: false, size: AUTH_JSON.length, preview: AUTH_JSON, complete: true },
    { k: 'msg', conn: 1, t: T0 + 30.125, dir: 'recv', binary: false, size: 5, preview: 'hello', complete: true },
    { k: 'msg', conn: 1, t: T0 + 1031.5, dir: 'recv', binary: true, size: 4, preview: BINARY, complete: true },
    // Longer than its preview: the whole body lives in the relay.
    {
      k: 'msg',
      conn: 1,
      t: T0 + 1040,
      dir: 'send',
      binary: false,
      size: LONG_TEXT.length,
      preview: LONG_TEXT.slice(0, 100),
      complete: false,
    },
    // Trimmed by the page hook: even the relay has only the first part.
    {
      k: 'msg',
      conn: 1,
      t: T0 + 2050,
      dir: 'recv',
      binary: false,
      size: 5_000_000,
      preview: 'x'.repeat(64),
      complete: false,
      hash: 'fnv1a-0badc0de',
    },
    { k: 'msg', conn: 1, t: T0 + 2060, dir: 'send', binary: false, size: 4, preview: 'ping', complete: true, injected: true },
    {
      k: 'send-fail',
      conn: 1,
      t: T0 + 2070,
      dir: 'send',
      binary: false,
      size: 3,
      preview: 'late',
      complete: true,
      error: 'InvalidStateError',
    },
    { k: 'close-call', conn: 1, t: T0 + 3000, code: 1000, reason: 'bye' },
    { k: 'close', conn: 1, t: T0 + 3010.75, code: 1000, reason: 'bye', wasClean: true },
    { k: 'create', conn: 2, t: T0 + 3100, url: 'ws://localhost:9/none', protocols: [], frameUrl: TOP.url, stack: '' },
    { k: 'error', conn: 2, t: T0 + 3200 },
    { k: 'close', conn: 2, t: T0 + 3201, code: 1006, reason: '', wasClean: false },
  ];
}

export function subEvents(): E[] {
  return [
    { k: 'create', conn: 1, t: T0 + 5, url: 'wss://feed.example/live', protocols: [], frameUrl: SUB.url, stack: '' },
    { k: 'open', conn: 1, t: T0 + 9, protocol: '', extensions: '' },
    { k: 'msg', conn: 1, t: T0 + 40, dir: 'recv', binary: false, size: 14, preview: '{"price":12.5}', complete: true },
    { k: 'msg', conn: 1, t: T0 + 2040, dir: 'recv', binary: false, size: 14, preview: '{"price":12.7}', complete: true },
  ];
}

const number = (events: E[], from = 1): WireEvent[] => events.map((e, i) => ({ ...e, seq: from + i }) as WireEvent);

/** Interleaves the two documents' events as relays would deliver them, with a gap of 2 in the top document. */
export function fixtureCapture(): Capture {
  const capture = emptyCapture();
  const top = number(topEvents());
  const sub = number(subEvents());
  // Lose seq 12 and 13 of the top document: the reducer records a gap row.
  const topWithGap = top.map((e) => (e.seq >= 12 ? { ...e, seq: e.seq + 2 } : e));
  ingestEvents(capture, TOP, topWithGap.slice(0, 3), COUNTERS);
  ingestEvents(capture, SUB, sub.slice(0, 2), ZERO);
  ingestEvents(capture, TOP, topWithGap.slice(3, 11), COUNTERS);
  ingestEvents(capture, SUB, sub.slice(2), ZERO);
  ingestEvents(capture, TOP, topWithGap.slice(11), COUNTERS);
  return capture;
}

/** A relay stand-in: the long body is there, the hook-trimmed one holds its kept part. */
export async function fakeFetch(frame: string, seq: number) {
  if (frame === TOP.key && seq === 6) return { text: LONG_TEXT };
  if (frame === TOP.key && seq === 7) return { text: 'x'.repeat(1000) };
  return { missing: 'no such event' };
}

export type EventRow = Exclude<Row, { k: 'gap' }>;
export const isEventRow = (r: Row): r is EventRow => r.k !== 'gap';
/** Message rows, typed as such. */
export const messages = (rows: readonly Row[]): EventRow[] => rows.filter((r): r is EventRow => r.k === 'msg');
