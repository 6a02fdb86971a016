/** Reads an imported file as text, in chunks (progress, cancel) and within a size cap (hostile input). */
import { throwIfAborted, yieldToEventLoop } from '../log-format/chunked';
import { ImportError } from './types';

/** Larger files would not fit in one JavaScript string once decoded, and would freeze the panel. */
export const MAX_IMPORT_BYTES = 500 * 1024 * 1024;
const CHUNK = 8 * 1024 * 1024;

export interface ReadOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  maxBytes?: number;
}

export async function readFileText(file: Blob, options: ReadOptions = {}): Promise<string> {
  const max = options.maxBytes ?? MAX_IMPORT_BYTES;
  if (file.size > max) {
    throw new ImportError(
      `The file is too large (${(file.size / 1024 / 1024).toFixed(0)} MB); the limit is ${Math.round(max / 1024 / 1024)} MB.`,
    );
  }
  if (file.size === 0) throw new ImportError('The file is empty.');
  // fatal: a binary file is reported as such instead of being read as garbage.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parts: string[] = [];
  try {
    for (let offset = 0; offset < file.size; offset += CHUNK) {
      throwIfAborted(options.signal);
      const bytes = new Uint8Array(await file.slice(offset, offset + CHUNK).arrayBuffer());
      parts.push(decoder.decode(bytes, { stream: true }));
      options.onProgress?.(Math.min(file.size, offset + CHUNK), file.size);
      await yieldToEventLoop();
    }
    parts.push(decoder.decode());
  } catch (error) {
    if (error instanceof TypeError) throw new ImportError('The file is not UTF-8 text (is it a JSON log or a HAR file?).');
    throw error;
  }
  return parts.join('');
}
