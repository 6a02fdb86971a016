/**
 * Reading the hook's final hand-over (see src/page/final-flush.ts): JSON text with the hook's token,
 * the batches still in flight with their numbers, and the events not yet posted. A page can dispatch
 * look-alikes where the relay listens, but it cannot know the token, which the hook gave at the
 * handshake where no page script listens: anything else is rejected whole, with a reason.
 */
import { base64ToBytes } from '../shared/codec';

export interface Handover {
  posted: { b: number; events: unknown[] }[];
  queue: unknown[];
}

/** Binary payloads come as {base64}; unreadable Blobs as {blob: size}; payloads already transferred as {gone}. */
function revive(events: unknown[]): unknown[] {
  for (const event of events as Record<string, unknown>[]) {
    const data = event?.data as Record<string, unknown> | undefined;
    if (!data || typeof data !== 'object') continue;
    if (typeof data.base64 === 'string') {
      const bytes = base64ToBytes(data.base64);
      event.data = bytes ? bytes.buffer : '';
    } else {
      // Binary all the same, with no bytes left to show: the size says what there was.
      event.data = new ArrayBuffer(0);
      if (data.gone !== true) event.size = Number(data.blob) || 0;
    }
  }
  return events;
}

const isBatch = (v: unknown): v is { b: number; events: unknown[] } =>
  typeof v === 'object' && v !== null && Number.isSafeInteger((v as { b: unknown }).b) && Array.isArray((v as { events: unknown }).events);

export function readHandover(detail: unknown, token: string | null): Handover {
  if (typeof detail !== 'string') throw new Error('a final hand-over was not text');
  let parsed: { token?: unknown; posted?: unknown; queue?: unknown };
  try {
    parsed = JSON.parse(detail);
  } catch (error) {
    throw new Error(`a final hand-over did not parse: ${(error as Error).message}`);
  }
  if (token === null || parsed?.token !== token) throw new Error("a final hand-over without the hook's token (forged)");
  const { posted, queue } = parsed;
  if (!Array.isArray(posted) || !posted.every(isBatch) || !Array.isArray(queue)) throw new Error('a final hand-over had no batches');
  for (const batch of posted) revive(batch.events);
  return { posted, queue: revive(queue) };
}
