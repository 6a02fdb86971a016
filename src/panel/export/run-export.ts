/** One export, end to end: choose rows, fetch whole bodies, redact, build, serialise, download. */

import { throwIfAborted } from '../log-format/chunked';
import type { Capture } from '../state/model';
import { pairingForExport } from '../state/pairing';
import { collectPayloads } from './collect';
import { downloadParts, exportFileName, MIME } from './download';
import { buildHar } from './har';
import { buildJsonLogChunked } from './json-log';
import { jsonPartsChunked } from './json-parts';
import { redactInput } from './redact-export';
import type { RedactOptions } from './redact-text';
import { selectForExport } from './select';
import type { ExportInput, FetchPayload } from './types';

export type ExportFormat = 'json' | 'har';

export interface ExportProgress {
  phase: 'fetch' | 'redact' | 'build' | 'write';
  done: number;
  total: number;
  /** 0…1 over the whole export. */
  fraction: number;
}

export interface ExportRequest {
  capture: Capture;
  /** Indices of the filtered view, or null for every event. */
  visible: ArrayLike<number> | null;
  connection: string;
  format: ExportFormat;
  /** Null when redaction is off. */
  redact: RedactOptions | null;
  fetchPayload: FetchPayload | null;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
  now?: number;
}

export interface PreparedExport {
  fileName: string;
  type: string;
  parts: string[];
  events: number;
  masked: number;
  trimmed: number;
}

function creatorVersion(): string {
  const runtime = (globalThis as { chrome?: { runtime?: { getManifest?: () => { version: string } } } }).chrome?.runtime;
  try {
    return runtime?.getManifest?.().version ?? 'dev';
  } catch {
    return 'dev';
  }
}

export async function prepareExport(request: ExportRequest): Promise<PreparedExport> {
  const { capture, signal, onProgress } = request;
  const at = request.now ?? Date.now();
  const selection = selectForExport(capture, request.visible, request.connection);
  const items = await collectPayloads(selection.rows, {
    // An imported session has no relay behind it: its payloads are all there is.
    fetchPayload: capture.readOnly ? null : request.fetchPayload,
    signal,
    onProgress: (done, total) => onProgress?.({ phase: 'fetch', done, total, fraction: total ? (done / total) * 0.6 : 0.6 }),
  });
  let input: ExportInput = {
    exportedAt: at,
    creator: { name: 'SocketScope', version: creatorVersion() },
    scope: { events: request.visible ? 'filtered' : 'all', connection: request.connection },
    redaction: { enabled: false, masked: 0 },
    frames: selection.frames,
    connections: selection.connections,
    items,
    pairing: pairingForExport(capture, request.connection, at),
  };
  if (request.redact) {
    input = await redactInput(input, request.redact, {
      signal,
      onProgress: (done, total) => onProgress?.({ phase: 'redact', done, total, fraction: 0.6 + (done / total) * 0.2 }),
    });
  }
  throwIfAborted(signal);
  const total = input.items.length;
  const doc =
    request.format === 'har'
      ? buildHar(input)
      : await buildJsonLogChunked(input, {
          signal,
          onProgress: (done) => onProgress?.({ phase: 'build', done, total, fraction: 0.8 + (done / total) * 0.1 }),
        });
  onProgress?.({ phase: 'write', done: 0, total: 1, fraction: 0.9 });
  const parts = await jsonPartsChunked(doc, { signal });
  return {
    fileName: exportFileName(at, request.format),
    type: MIME[request.format],
    parts,
    events: input.items.length,
    masked: input.redaction.masked,
    trimmed: input.items.filter((item) => item.payload?.trimmed).length,
  };
}

export async function runExport(request: ExportRequest): Promise<PreparedExport> {
  const prepared = await prepareExport(request);
  downloadParts(prepared.parts, prepared.fileName, prepared.type);
  return prepared;
}
