/** The dialog's "N values will be masked" line, recounted when the options or the capture change. */
import { useEffect, useState } from 'preact/hooks';
import { isAbort } from '../log-format/chunked';
import { capture, filter, version, visibleRows } from '../state/store';
import { previewRedaction, type RedactionPreview } from './count';
import type { RedactOptions } from './redact-text';

export function describeCount(p: RedactionPreview): string {
  const base = `${p.masked} value${p.masked === 1 ? '' : 's'} will be masked`;
  if (!p.partial) return base;
  return `${base} (counted in the payloads held; ${p.partial} longer payload${p.partial === 1 ? ' is' : 's are'} fetched and checked on download)`;
}

export function useRedactionPreview(
  enabled: boolean,
  options: RedactOptions | null,
  scope: 'all' | 'filtered',
  connection: string,
): string {
  const [text, setText] = useState('');
  const [tick, setTick] = useState(0);
  // Live captures grow every frame; recounting once a second at most keeps the dialog cheap.
  useEffect(() => {
    let seen = version.peek();
    const id = setInterval(() => {
      if (version.peek() === seen) return;
      seen = version.peek();
      setTick((t) => t + 1);
    }, 1000);
    return () => clearInterval(id);
  }, []);
  const cap = capture.value;
  const spec = filter.value;
  useEffect(() => {
    if (!enabled) {
      setText('Redaction is off: secrets are exported as captured.');
      return;
    }
    if (!options) {
      setText('');
      return;
    }
    const controller = new AbortController();
    setText('Counting values to mask…');
    previewRedaction(cap, scope === 'filtered' ? visibleRows.peek() : null, connection, options, { signal: controller.signal }).then(
      (p) => setText(describeCount(p)),
      (error: unknown) => {
        if (!isAbort(error)) setText(`Could not count the values to mask: ${(error as Error).message}`);
      },
    );
    return () => controller.abort();
  }, [enabled, options, scope, connection, tick, cap, spec]);
  return text;
}
