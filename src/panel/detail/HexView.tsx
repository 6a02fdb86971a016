/** The hex dump of a payload's bytes, capped: the first 64 KiB, then 64 KiB more per "Show more". */
import { useMemo, useState } from 'preact/hooks';
import { hexDump } from './hex';

export const HEX_STEP = 64 * 1024;

export function HexView({ bytes, step = HEX_STEP }: { bytes: Uint8Array; step?: number }) {
  const [shown, setShown] = useState(step);
  const end = Math.min(shown, bytes.length);
  // One text node for the whole dump: cheap to lay out and impossible to inject into.
  const dump = useMemo(() => hexDump(bytes, 0, end), [bytes, end]);
  if (bytes.length === 0) return <p class="note">No bytes.</p>;
  return (
    <>
      <pre class="payload-text hexdump">{dump}</pre>
      {end < bytes.length ? (
        <p class="more">
          Showing {end.toLocaleString('en-US')} of {bytes.length.toLocaleString('en-US')} bytes.{' '}
          <button type="button" aria-label="Show more hex" onClick={() => setShown(shown + step)}>
            Show more
          </button>
        </p>
      ) : null}
    </>
  );
}
