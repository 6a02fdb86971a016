/**
 * Applies redaction to everything an export writes: payloads (JSON-aware), URLs, stacks, close
 * reasons. Works on copies: the rows belong to the live capture and must not change.
 */

import { type ChunkOptions, forEachChunked } from '../log-format/chunked';
import type { LoggedFrame } from '../log-format/types';
import type { Connection, Row } from '../state/model';
import { redactPayload } from './redact-json';
import { type RedactOptions, redactText, redactUrl } from './redact-text';
import type { ExportInput, ExportItem } from './types';

type Counter = { count: number };

function field<T extends object>(target: T, key: keyof T, kind: 'url' | 'text', options: RedactOptions, counter: Counter): void {
  const value = target[key];
  if (typeof value !== 'string' || value === '') return;
  const r = kind === 'url' ? redactUrl(value, options) : redactText(value, options);
  if (r.count === 0) return;
  (target as Record<keyof T, unknown>)[key] = r.text;
  counter.count += r.count;
}

function redactRow(row: Row, options: RedactOptions, counter: Counter): Row {
  if (row.k === 'gap') return row;
  const copy = { ...row };
  field(copy, 'url', 'url', options, counter);
  field(copy, 'frameUrl', 'url', options, counter);
  field(copy, 'stack', 'text', options, counter);
  field(copy, 'reason', 'text', options, counter);
  field(copy, 'error', 'text', options, counter);
  field(copy, 'detail' as keyof typeof copy, 'text', options, counter);
  return copy;
}

export function redactItem(item: ExportItem, options: RedactOptions, counter: Counter): ExportItem {
  const row = redactRow(item.row, options, counter);
  const payload = item.payload;
  // Binary payloads are left alone: there is no reliable way to find a secret in arbitrary bytes.
  if (payload?.encoding !== 'text') return { row, payload };
  const r = redactPayload(payload.data, options);
  if (r.count === 0) return { row, payload };
  counter.count += r.count;
  return { row, payload: { ...payload, data: r.text, redacted: true } };
}

export function redactConnection(c: Connection, options: RedactOptions, counter: Counter): Connection {
  const copy = { ...c, close: c.close ? { ...c.close } : undefined };
  if (!copy.close) delete copy.close;
  field(copy, 'url', 'url', options, counter);
  field(copy, 'frameUrl', 'url', options, counter);
  field(copy, 'stack', 'text', options, counter);
  if (copy.close) field(copy.close, 'reason', 'text', options, counter);
  return copy;
}

export function redactFrame(frame: LoggedFrame, options: RedactOptions, counter: Counter): LoggedFrame {
  const info = { ...frame.info };
  field(info, 'url', 'url', options, counter);
  return { ...frame, info };
}

/** Redacts a whole export input, yielding between chunks; the masked count lands in `redaction`. */
export async function redactInput(input: ExportInput, options: RedactOptions, chunk: ChunkOptions = {}): Promise<ExportInput> {
  const counter = { count: 0 };
  const frames = input.frames.map((f) => redactFrame(f, options, counter));
  const connections = input.connections.map((c) => redactConnection(c, options, counter));
  const items: ExportItem[] = new Array(input.items.length);
  await forEachChunked(input.items.length, (i) => (items[i] = redactItem(input.items[i], options, counter)), chunk);
  return { ...input, frames, connections, items, redaction: { enabled: true, masked: counter.count } };
}

/** Synchronous form, for tests and small inputs. */
export function redactInputSync(input: ExportInput, options: RedactOptions): ExportInput {
  const counter = { count: 0 };
  const frames = input.frames.map((f) => redactFrame(f, options, counter));
  const connections = input.connections.map((c) => redactConnection(c, options, counter));
  const items = input.items.map((item) => redactItem(item, options, counter));
  return { ...input, frames, connections, items, redaction: { enabled: true, masked: counter.count } };
}
