/**
 * Long text shown in steps: a megabyte in one text node is fine, but layout of several is slow, so
 * the first `step` characters show and "Show more" adds another step. Always a text node, never HTML.
 */
import { useState } from 'preact/hooks';

export const TEXT_STEP = 256 * 1024;

export function CappedText({ text, label, step = TEXT_STEP }: { text: string; label: string; step?: number }) {
  const [shown, setShown] = useState(step);
  const cut = text.length > shown;
  return (
    <>
      <pre class="payload-text">{cut ? text.slice(0, shown) : text}</pre>
      {cut ? (
        <p class="more">
          Showing {shown.toLocaleString('en-US')} of {text.length.toLocaleString('en-US')} characters.{' '}
          <button type="button" aria-label={`Show more ${label}`} onClick={() => setShown(shown + step)}>
            Show more
          </button>
        </p>
      ) : null}
    </>
  );
}
