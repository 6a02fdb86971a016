/**
 * Socket.IO sends a binary event as a text frame with placeholders, then one binary frame per
 * attachment. The Decoded tab shows the whole event: each placeholder replaced by its frame's bytes.
 */
import { base64ToBytes } from '../../shared/codec';
import type { DecodeResult } from '../decode/types';
import type { Row } from '../state/model';

type MessageRow = Row & { k: 'msg' };
const isMessage = (row: Row): row is MessageRow => row.k === 'msg';

/** How far after the event its attachments are looked for. */
const LOOK_AHEAD = 1000;
const MAX_PLACEHOLDER_WALK = 10_000;

function indexOfRow(rows: readonly Row[], row: Row): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].t < row.t) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < rows.length && rows[i].t === row.t; i++) if (rows[i] === row) return i;
  return rows.indexOf(row);
}

/** The binary frames that follow `row` on its connection, in its direction: at most `count`. */
function followingAttachments(row: MessageRow, rows: readonly Row[], count: number): MessageRow[] {
  const found: MessageRow[] = [];
  const start = indexOfRow(rows, row);
  if (start < 0) return found;
  for (let i = start + 1; i < rows.length && i <= start + LOOK_AHEAD && found.length < count; i++) {
    const next = rows[i];
    if (isMessage(next) && next.frame === row.frame && next.conn === row.conn && next.dir === row.dir && next.binary) found.push(next);
  }
  return found;
}

const isPlaceholder = (value: unknown): value is { num: number } =>
  typeof value === 'object' &&
  value !== null &&
  (value as { _placeholder?: unknown })._placeholder === true &&
  typeof (value as { num?: unknown }).num === 'number';

/** A copy of `body` with placeholders replaced, walking at most MAX_PLACEHOLDER_WALK values. */
function fillPlaceholders(body: unknown, attachments: readonly Uint8Array[]): unknown {
  let budget = MAX_PLACEHOLDER_WALK;
  const fill = (value: unknown): unknown => {
    if (budget-- <= 0) return value;
    if (isPlaceholder(value)) return attachments[value.num] ?? value;
    if (Array.isArray(value)) return value.map(fill);
    if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array))
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item)]));
    return value;
  };
  return fill(body);
}

export function withAttachments(result: DecodeResult, row: MessageRow, rows: readonly Row[]): DecodeResult {
  if (!result.ok || !result.messages.some((message) => (message.attachments ?? 0) > 0)) return result;
  const messages = result.messages.map((message) => {
    const count = message.attachments ?? 0;
    if (count === 0) return message;
    const frames = followingAttachments(row, rows, count);
    const bytes = frames.map((frame) => base64ToBytes(frame.preview ?? '') ?? new Uint8Array(0));
    const cut = frames.filter((frame) => !frame.complete).length;
    const missing = count - frames.length;
    const notes = [
      missing > 0 ? `${missing} of ${count} attachments not found after this message` : '',
      cut > 0 ? `${cut} attachment(s) shown by their first ${bytes[0]?.length ?? 0} bytes only` : '',
    ].filter(Boolean);
    return {
      ...message,
      body: fillPlaceholders(message.body, bytes),
      ...(notes.length > 0 ? { summary: `${message.summary} (${notes.join('; ')})` } : {}),
    };
  });
  return { ...result, messages };
}
