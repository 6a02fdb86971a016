/** What the export builders take: rows already chosen, bodies already fetched, secrets already masked. */
import type { PayloadBody } from '../../shared/protocol';
import type { Encoding, LoggedFrame } from '../log-format/types';
import type { SerializedPairing } from '../pairing/serialize';
import type { Connection, Row } from '../state/model';

export type FetchPayload = (frame: string, seq: number) => Promise<PayloadBody>;

export interface ExportPayload {
  data: string;
  encoding: Encoding;
  /** True when `data` is not the whole message (preview only, or trimmed at capture). */
  trimmed: boolean;
  /** Why the payload is trimmed, for the reader of the file. */
  reason?: string;
  /** True when redaction changed `data`. */
  redacted?: boolean;
}

export interface ExportItem {
  row: Row;
  /** Present for payload rows (messages and failed sends). */
  payload?: ExportPayload;
}

export interface ExportInput {
  exportedAt: number;
  creator: { name: string; version: string };
  scope: { events: 'all' | 'filtered'; connection: string };
  redaction: { enabled: boolean; masked: number };
  frames: LoggedFrame[];
  connections: Connection[];
  items: ExportItem[];
  /** Requests paired with their answers (JSON log only). */
  pairing?: SerializedPairing;
}

/** Rows that carry a payload: messages, failed sends, and frames a rule held (their data as it waited). */
export const isPayloadRow = (row: Row): boolean => row.k === 'msg' || row.k === 'send-fail' || row.k === 'held';
