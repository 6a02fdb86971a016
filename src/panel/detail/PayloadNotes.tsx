/** Says how much of a payload is shown: trimmed at capture (exact size and hash), preview only, or loading. */
import { formatBytes } from '../format/format';
import { bodyByteLength } from './payload';
import type { LoadedPayload } from './usePayload';

export function PayloadNotes({ loaded, size, hash }: { loaded: LoadedPayload; size: number; hash?: string }) {
  const shown = bodyByteLength(loaded.body);
  const notes: string[] = [];
  if (hash) notes.push(`Trimmed at capture: ${size} bytes total, hash ${hash} (${formatBytes(size)}).`);
  if (loaded.state === 'loading') notes.push(`Showing the preview (${shown} of ${size} bytes); loading the whole payload…`);
  else if (loaded.state === 'missing')
    notes.push(`Showing the preview only (${shown} of ${size} bytes): ${loaded.reason ?? 'the body is gone'}.`);
  else if (shown < size) notes.push(`Showing the first ${shown} of ${size} bytes.`);
  if (notes.length === 0) return null;
  return (
    <div class="payload-notes" role="status">
      {notes.map((n) => (
        <p key={n} class="note">
          {n}
        </p>
      ))}
    </div>
  );
}
