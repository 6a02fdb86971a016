/** A timeline row, or a whole body fetched from the relay, as the frame a decoder reads. */
import { base64ToBytes } from '../../shared/codec';
import type { Frame } from './types';

export interface FrameSource {
  dir?: 'send' | 'recv';
  binary?: boolean;
  preview?: string;
  complete?: boolean;
}

/** The row's preview (base64 for binary rows); `complete` says whether it is the whole payload. */
export function frameOfRow(row: FrameSource): Frame {
  return frameOfBody(row.dir ?? 'send', row.binary ? { base64: row.preview ?? '' } : { text: row.preview ?? '' }, row.complete === true);
}

export function frameOfBody(dir: 'send' | 'recv', body: { text: string } | { base64: string }, complete: boolean): Frame {
  if ('text' in body) return { dir, text: body.text, complete };
  return { dir, bytes: base64ToBytes(body.base64) ?? new Uint8Array(0), complete };
}
