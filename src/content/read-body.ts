/** Encodes a stored body for extension messaging (JSON-only in Chromium before 148): text as is, binary as base64. */
import { bytesToBase64 } from '../shared/codec';
import type { PayloadBody } from '../shared/protocol';
import type { Body } from './log';

export async function readBody(body: Body): Promise<PayloadBody> {
  if (typeof body === 'string') return { text: body };
  const buffer = body instanceof Blob ? await bytesOfBlob(body) : body;
  return { base64: bytesToBase64(new Uint8Array(buffer)) };
}

/**
 * A Blob's bytes, through a FileReader and a promise that resolves to nothing. In Firefox ESR 140 a content script
 * reaches DOM constructors through the page's window, so `blob.arrayBuffer()` (or a Response's) is a promise of the
 * page's realm: resolving it with the ArrayBuffer looks up `then` on it, which a page that defined
 * `Object.prototype.then` sees called (measured with capture-bad-input's hostile page). A FileReader's events do not.
 */
export async function bytesOfBlob(blob: Blob): Promise<ArrayBuffer> {
  const reader = new FileReader();
  await new Promise<void>((resolve, reject) => {
    reader.onload = () => resolve();
    reader.onerror = () => reject(new Error(`the Blob could not be read: ${String(reader.error?.name)}`));
    reader.readAsArrayBuffer(blob);
  });
  return reader.result as ArrayBuffer;
}
