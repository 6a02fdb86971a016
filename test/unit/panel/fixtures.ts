/** Readable builders for captures: hand-written WireEvents folded with the real reducer. */

import { ingestEvents } from '../../../src/panel/state/ingest';
import { type Capture, emptyCapture } from '../../../src/panel/state/model';
import { utf8Length } from '../../../src/shared/codec';
import type { FrameInfo, RelayCounters, WireEvent } from '../../../src/shared/protocol';

/** 2024-01-01T00:00:00Z: a round second, so that bucket arithmetic reads easily. */
export const T0 = Date.UTC(2024, 0, 1);

export const noCounters = (): RelayCounters => ({ rejected: 0, faults: 0, trimmedBodies: 0, trimmedBytes: 0, droppedEvents: 0 });

export function doc(key: string, startedAt = T0, top = true): FrameInfo {
  return { key, url: `https://${key}.test/`, top, frameId: top ? 0 : 1, startedAt };
}

type Event = Omit<WireEvent, 'seq'>;

export const create = (conn: number, t: number, url = `wss://socket${conn}.test/`): Event => ({
  k: 'create',
  conn,
  t,
  url,
  protocols: [],
  frameUrl: '',
  stack: '',
});
export const open = (conn: number, t: number): Event => ({ k: 'open', conn, t, protocol: '', extensions: '' });
export const close = (conn: number, t: number, code = 1000): Event => ({ k: 'close', conn, t, code, reason: '', wasClean: true });
export const sent = (conn: number, t: number, text: string): Event => ({
  k: 'msg',
  conn,
  t,
  dir: 'send',
  binary: false,
  size: utf8Length(text),
  preview: text,
  complete: true,
});
export const received = (conn: number, t: number, text: string): Event => ({
  k: 'msg',
  conn,
  t,
  dir: 'recv',
  binary: false,
  size: utf8Length(text),
  preview: text,
  complete: true,
});
/** A message of `size` bytes whose text does not matter. */
export const traffic = (conn: number, t: number, dir: 'send' | 'recv', size: number): Event => ({
  k: 'msg',
  conn,
  t,
  dir,
  binary: true,
  size,
  preview: '',
  complete: false,
});

/** Numbers events 1, 2, 3, … (or from `first`), as one relay would. */
export function numbered(events: Event[], first = 1): WireEvent[] {
  return events.map((e, i) => ({ ...e, seq: first + i }) as WireEvent);
}

/** A capture holding `events` of one document. */
export function captureOf(events: Event[], frame = doc('page')): Capture {
  const capture = emptyCapture();
  ingestEvents(capture, frame, numbered(events), noCounters());
  return capture;
}
