/**
 * The redaction preview ("12 values will be masked"): the same redaction an export applies, run
 * over the payloads the panel already holds. Bodies still to be fetched may hold more secrets;
 * the dialog says so and the export reports the final count.
 */

import type { ChunkOptions } from '../log-format/chunked';
import { forEachChunked } from '../log-format/chunked';
import type { Capture } from '../state/model';
import { redactConnection, redactFrame, redactItem } from './redact-export';
import type { RedactOptions } from './redact-text';
import { selectForExport } from './select';
import { isPayloadRow } from './types';

export interface RedactionPreview {
  masked: number;
  /** Payload rows whose whole body is not held yet. */
  partial: number;
  events: number;
}

export async function previewRedaction(
  capture: Capture,
  visible: ArrayLike<number> | null,
  connection: string,
  options: RedactOptions,
  chunk: ChunkOptions = {},
): Promise<RedactionPreview> {
  const selection = selectForExport(capture, visible, connection);
  const counter = { count: 0 };
  for (const frame of selection.frames) redactFrame(frame, options, counter);
  for (const c of selection.connections) redactConnection(c, options, counter);
  let partial = 0;
  await forEachChunked(
    selection.rows.length,
    (i) => {
      const row = selection.rows[i];
      if (!isPayloadRow(row)) return void redactItem({ row }, options, counter);
      const r = row as typeof row & { k: 'msg' };
      if (!r.complete) partial++;
      redactItem(
        { row, payload: { data: r.preview ?? '', encoding: r.binary ? 'base64' : 'text', trimmed: !r.complete } },
        options,
        counter,
      );
    },
    chunk,
  );
  return { masked: counter.count, partial, events: selection.rows.length };
}
