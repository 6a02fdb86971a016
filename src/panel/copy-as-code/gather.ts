/** Gathers what a connection's replay script needs from the capture: its facts and its sent messages, bodies fetched whole. */
import { collectPayloads } from '../export/collect';
import type { FetchPayload } from '../export/types';
import type { Capture, Connection } from '../state/model';
import type { CapturedSend, ReplaySource } from './replay-plan';

/** Every message the page sent on `connection` (injected ones too: the server received them), in order. */
export function sentRows(capture: Capture, connection: Connection) {
  return capture.rows.filter(
    (row) => row.k === 'msg' && row.dir === 'send' && row.frame === connection.frame && row.conn === connection.conn,
  );
}

export async function gatherReplaySource(
  capture: Capture,
  connection: Connection,
  fetchPayload: FetchPayload | null,
): Promise<ReplaySource> {
  const items = await collectPayloads(sentRows(capture, connection), { fetchPayload });
  const sends: CapturedSend[] = [];
  for (const { row, payload } of items) {
    if (!payload) continue;
    sends.push({
      t: row.t,
      body: payload.encoding === 'text' ? { text: payload.data } : { base64: payload.data },
      trimmed: payload.trimmed,
    });
  }
  return {
    ordinal: connection.ordinal,
    url: connection.url,
    protocols: connection.protocols,
    startedAt: connection.openedAt ?? connection.createdAt,
    sends,
  };
}
