/** Readable capture fixtures: a script of socket events for one document, folded with ingestEvents. */
import { ingestEvents } from '../../../src/panel/state/ingest';
import { type Capture, emptyCapture } from '../../../src/panel/state/model';
import type { RuleCount } from '../../../src/shared/fields';
import type { FrameInfo, WireEvent } from '../../../src/shared/protocol';

export const FRAME: FrameInfo = { key: 'doc1', url: 'https://app.example/chat', top: true, frameId: 0, startedAt: 0 };
const COUNTERS = { rejected: 0, faults: 0, trimmedBodies: 0, trimmedBytes: 0, droppedEvents: 0 };

export function script() {
  const events: WireEvent[] = [];
  /** Appends one event and returns the script, so that steps chain. */
  const add = (e: Omit<WireEvent, 'seq'>) => {
    events.push({ seq: events.length + 1, ...e });
    return api;
  };
  const api = {
    create: (conn: number, t: number, url: string) => add({ conn, k: 'create', t, url, frameUrl: FRAME.url, protocols: [] }),
    open: (conn: number, t: number) => add({ conn, k: 'open', t, protocol: '', extensions: '' }),
    send: (conn: number, t: number, text: string) => add({ conn, k: 'msg', t, dir: 'send', size: text.length, preview: text }),
    recv: (conn: number, t: number, text: string) => add({ conn, k: 'msg', t, dir: 'recv', size: text.length, preview: text }),
    drop: (conn: number, t: number) => add({ conn, k: 'action', t, action: 'drop', detail: 'dropped' }),
    /** What the hook logs for a socket a rule refused: the refusal (with the rule's count), then error and close 1006. */
    refused: (conn: number, t: number, rule?: RuleCount) => {
      add(
        rule
          ? { conn, k: 'action', t, action: 'refuse', detail: 'refused by rule', rule }
          : { conn, k: 'action', t, action: 'refuse', detail: 'refused by rule' },
      );
      add({ conn, k: 'error', t: t + 1 });
      return api.close(conn, t + 1, 1006, false);
    },
    fail: (conn: number, t: number) => add({ conn, k: 'error', t }).close(conn, t, 1006, false),
    close: (conn: number, t: number, code: number, wasClean = true) => add({ conn, k: 'close', t, code, reason: '', wasClean }),
    build(): Capture {
      const capture = emptyCapture();
      ingestEvents(capture, FRAME, events, COUNTERS);
      return capture;
    },
    /** Adds this script's events to `capture` as another document's (an iframe with key `key`). */
    buildInto(capture: Capture, key: string): Capture {
      ingestEvents(capture, { ...FRAME, key, top: false, frameId: 1 }, events, COUNTERS);
      return capture;
    },
  };
  return api;
}
