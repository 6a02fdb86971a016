/**
 * Long text shown in steps: a megabyte in one text node is fine, but layout of several is slow, so
 * the first `step` characters show and "Show more" adds another step. Always text nodes, never HTML.
 * With find matches, they are marked, and the shown part grows to reach the current one.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { cutPieces, type Matches } from './find/find';
import { Highlighted } from './find/Highlighted';

export const TEXT_STEP = 256 * 1024;

interface CappedTextProps {
  text: string;
  label: string;
  step?: number;
  matches?: Matches;
  /** Index of the match to show and mark as current; -1 for none. */
  current?: number;
}

export function CappedText({ text, label, step = TEXT_STEP, matches, current = -1 }: CappedTextProps) {
  const [stepsShown, setStepsShown] = useState(1);
  const pre = useRef<HTMLPreElement>(null);
  const currentEnd = matches && current >= 0 ? matches.starts[current] + matches.length : 0;
  // The current match is always inside what is shown: reaching it shows more, in whole steps.
  const shown = Math.max(stepsShown * step, Math.ceil(currentEnd / step) * step);
  const cut = text.length > shown;
  const end = cut ? shown : text.length;

  useLayoutEffect(() => {
    if (current >= 0) pre.current?.querySelector('mark.find-current')?.scrollIntoView({ block: 'nearest' });
  }, [current, matches]);

  return (
    <>
      <pre ref={pre} class="payload-text">
        {matches && matches.starts.length > 0 ? (
          <Highlighted pieces={cutPieces(text, 0, end, matches)} current={current} />
        ) : cut ? (
          text.slice(0, shown)
        ) : (
          text
        )}
      </pre>
      {cut ? (
        <p class="more">
          Showing {shown.toLocaleString('en-US')} of {text.length.toLocaleString('en-US')} characters.{' '}
          <button type="button" aria-label={`Show more ${label}`} onClick={() => setStepsShown(Math.ceil(shown / step) + 1)}>
            Show more
          </button>
        </p>
      ) : null}
    </>
  );
}
