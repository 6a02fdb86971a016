/** Held frames and their answers as the relay sends them, for the holds' tests. */
import { bytesToBase64, utf8Length } from '../../../src/shared/codec';
import type { HoldOutcome } from '../../../src/shared/message-rules';
import type { WireEvent } from '../../../src/shared/protocol';

type Event = Omit<WireEvent, 'seq'>;

/** Hold `hold` of connection `conn`: a text frame a hold rule (rule 7) stopped. */
export const heldText = (conn: number, t: number, hold: number, text: string, dir: 'send' | 'recv' = 'send'): Event => ({
  k: 'held',
  conn,
  t,
  dir,
  hold,
  ruleId: 7,
  binary: false,
  size: utf8Length(text),
  preview: text,
  complete: true,
});

export const heldBytes = (conn: number, t: number, hold: number, bytes: number[]): Event => ({
  k: 'held',
  conn,
  t,
  dir: 'send',
  hold,
  ruleId: 7,
  binary: true,
  size: bytes.length,
  preview: bytesToBase64(new Uint8Array(bytes)),
  complete: true,
});

/** A held frame longer than its preview: its summary holds only the first part. */
export const heldLong = (conn: number, t: number, hold: number, first: string, size: number): Event => ({
  ...heldText(conn, t, hold, first),
  size,
  complete: false,
});

/** The frame of hold `hold` as it went on: a message with the held effect. */
export const answered = (conn: number, t: number, hold: number, text: string, outcome: HoldOutcome = 'forwarded'): Event => ({
  k: 'msg',
  conn,
  t,
  dir: 'send',
  binary: false,
  size: utf8Length(text),
  preview: text,
  complete: true,
  fx: { rule: 7, kind: 'held', hold, outcome, ms: 1200 },
});
