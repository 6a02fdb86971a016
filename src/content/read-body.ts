/** Encodes a stored body for extension messaging (JSON-only in Chromium before 148): text as is, binary as base64. */
import { bytesToBase64 } from '../shared/codec';
import type { PayloadBody } from '../shared/protocol';
import type { Body } from './log';

export async function readBody(body: Body): Promise<PayloadBody> {
  if (typeof body === 'string') return { text: body };
  const buffer = body instanceof Blob ? await body.arrayBuffer() : body;
  return { base64: bytesToBase64(new Uint8Array(buffer)) };
}
