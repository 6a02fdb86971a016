/**
 * Connects a Capture to a transport: subscribes to the inspected tab, syncs from the last sequence
 * number held for each document, validates every message, and fetches large payloads on demand. The
 * transport reconnects by itself; its owner calls `resync` after each reconnection.
 */
import { unpackEvents } from '../../shared/event-batch';
import { checkToPanel, type PayloadBody, type ToPanel, type ToRelay, type WireEvent } from '../../shared/protocol';
import type { Transport } from '../../shared/transport';
import { noteDeepCapture } from '../deep-capture/deep-state';
import { heldBodies } from '../deep-capture/held-bodies';
import { ingestEvents, ingestFrame, noteError } from './ingest';
import type { Capture } from './model';

export interface Bridge {
  /** Subscribe (again) and ask every relay for what this panel has not seen. */
  resync(): void;
  fetchPayload(frame: string, seq: number): Promise<PayloadBody>;
  send(message: ToRelay): void;
}

export function createBridge(transport: Transport, tabId: number, capture: () => Capture, changed: () => void): Bridge {
  let nextRequest = 1;
  /** Payload requests not answered yet, re-sent on resync: a request posted just before the link dropped was lost with it. */
  const pending = new Map<number, { frame: string; seq: number; resolve: (body: PayloadBody) => void }>();
  const askPayload = (requestId: number, frame: string, seq: number) =>
    transport.postMessage({ type: 'getPayload', requestId, frame, seq } satisfies ToRelay);

  const since = (): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const [key, frame] of capture().frames) out[key] = frame.lastSeq;
    return out;
  };

  const sync = () => transport.postMessage({ type: 'sync', since: since() } satisfies ToRelay);

  transport.onMessage((raw) => {
    let message: ToPanel;
    let events: WireEvent[] = [];
    try {
      message = checkToPanel(raw, 'message');
      if (message.type === 'events') events = unpackEvents(message.events, 'message.events');
    } catch (error) {
      noteError(capture(), `Rejected a malformed message: ${(error as Error).message}`);
      changed();
      return;
    }
    switch (message.type) {
      case 'hello':
        ingestFrame(capture(), message.frame);
        sync();
        break;
      case 'events':
        if (message.bodies) heldBodies.hold(message.frame.key, message.bodies);
        ingestEvents(capture(), message.frame, events, message.counters);
        break;
      case 'deep-capture':
        noteDeepCapture(message);
        return;
      case 'payload':
        pending.get(message.requestId)?.resolve(message.body);
        pending.delete(message.requestId);
        return;
      case 'error':
        noteError(capture(), message.message);
        break;
    }
    changed();
  });

  const resync = () => {
    transport.postMessage({ type: 'subscribe', tabId });
    sync();
    for (const [requestId, { frame, seq }] of pending) askPayload(requestId, frame, seq);
  };

  return {
    resync,
    send: (message) => transport.postMessage(message),
    fetchPayload(frame, seq) {
      const held = heldBodies.get(frame, seq); // a worker's (Deep capture): the panel holds its bodies
      if (held) return Promise.resolve(held);
      const requestId = nextRequest++;
      return new Promise((resolve) => {
        pending.set(requestId, { frame, seq, resolve });
        askPayload(requestId, frame, seq);
        setTimeout(() => {
          if (pending.delete(requestId)) resolve({ missing: 'the page did not answer (it may have navigated away)' });
        }, 10_000);
      });
    },
  };
}
