/**
 * Gathers whole payloads for an export. Rows hold only a preview when `complete` is false, so those
 * bodies are fetched from the relay on demand, a few at a time, with progress and cancellation.
 */
import type { PayloadBody } from '../../shared/protocol';
import type { Row } from '../state/model';
import { type ExportItem, type ExportPayload, type FetchPayload, isPayloadRow } from './types';

export interface CollectOptions {
  /** Null when there is no relay to ask (an imported log): previews are exported as they are. */
  fetchPayload: FetchPayload | null;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Requests in flight at once: enough to hide latency, few enough not to flood the relay. */
  concurrency?: number;
}

const TRIMMED_AT_CAPTURE = 'the page hook kept only the first part of this message; `hash` identifies the whole';
const PREVIEW_ONLY = 'only the preview was available';

function fromPreview(row: Row): ExportPayload {
  const r = row as Row & { k: 'msg' };
  const trimmed = !r.complete || Boolean(r.hash);
  const payload: ExportPayload = { data: r.preview ?? '', encoding: r.binary ? 'base64' : 'text', trimmed };
  if (trimmed) payload.reason = r.hash ? TRIMMED_AT_CAPTURE : PREVIEW_ONLY;
  return payload;
}

function fromBody(row: Row, body: PayloadBody): ExportPayload {
  if ('missing' in body) return { ...fromPreview(row), trimmed: true, reason: `${PREVIEW_ONLY}: ${body.missing}` };
  const hash = (row as Row & { k: 'msg' }).hash;
  const payload: ExportPayload =
    'text' in body
      ? { data: body.text, encoding: 'text', trimmed: Boolean(hash) }
      : { data: body.base64, encoding: 'base64', trimmed: Boolean(hash) };
  if (hash) payload.reason = TRIMMED_AT_CAPTURE;
  return payload;
}

function abortError(): Error {
  return new DOMException('Export cancelled', 'AbortError');
}

export async function collectPayloads(rows: readonly Row[], options: CollectOptions): Promise<ExportItem[]> {
  const { fetchPayload, signal, onProgress } = options;
  const items: ExportItem[] = rows.map((row) => (isPayloadRow(row) ? { row, payload: fromPreview(row) } : { row }));
  const pending: number[] = [];
  if (fetchPayload) {
    for (let i = 0; i < items.length; i++) {
      const row = items[i].row;
      if (isPayloadRow(row) && !(row as Row & { k: 'msg' }).complete) pending.push(i);
    }
  }
  const total = pending.length;
  let next = 0;
  let done = 0;
  onProgress?.(0, total);
  const worker = async () => {
    while (next < pending.length) {
      if (signal?.aborted) return;
      const index = pending[next++];
      const row = items[index].row;
      let body: PayloadBody;
      try {
        body = await fetchPayload!(row.frame, row.seq);
      } catch (error) {
        body = { missing: (error as Error).message || 'the request failed' };
      }
      items[index].payload = fromBody(row, body);
      onProgress?.(++done, total);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 6, total) }, worker));
  if (signal?.aborted) throw abortError();
  return items;
}
