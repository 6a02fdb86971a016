/** A socket seen through Deep capture lives in a worker that the page hook cannot reach: actions say so. */
import { describe, expect, it } from 'vitest';
import { unavailableReason } from '../../../src/panel/actions/target';
import { ingestEvents } from '../../../src/panel/state/ingest';
import { emptyCapture } from '../../../src/panel/state/model';
import type { FrameInfo } from '../../../src/shared/protocol';

const counters = { rejected: 0, faults: 0, trimmedBodies: 0, trimmedBytes: 0, droppedEvents: 0 };
const openSocket = (frame: FrameInfo) => {
  const capture = emptyCapture();
  ingestEvents(
    capture,
    frame,
    [
      { seq: 1, conn: 1, k: 'create', t: 1, url: 'ws://a.test/', protocols: [], stack: '' },
      { seq: 2, conn: 1, k: 'open', t: 2, protocol: '', extensions: '' },
    ],
    counters,
  );
  return { capture, connection: [...capture.connections.values()][0] };
};

describe('unavailableReason for worker sockets', () => {
  it('names the worker and says "observe only" for an open worker socket', () => {
    const { capture, connection } = openSocket({
      key: 'worker-1',
      url: 'http://a.test/w.js',
      top: false,
      frameId: -1,
      startedAt: 1,
      worker: 'dedicated worker',
    });
    expect(unavailableReason(capture, connection)).toBe(
      'Observe only: connection #1 lives in a dedicated worker (http://a.test/w.js); SocketScope watches it, and sending, closing and dropping cannot reach it.',
    );
  });

  it('leaves a document socket available', () => {
    const { capture, connection } = openSocket({ key: 'doc-1', url: 'http://a.test/', top: true, frameId: 0, startedAt: 1 });
    expect(unavailableReason(capture, connection)).toBeNull();
  });
});
