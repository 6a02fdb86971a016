/** Copy the payload as text, pretty JSON, base64 or hex; a short status says whether it worked. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { copyText } from './clipboard';
import { copyChoices } from './copy-formats';
import type { PayloadModel } from './payload';

const STATUS_MS = 2000;

export function CopyButtons({ model }: { model: PayloadModel }) {
  const [status, setStatus] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const copy = async (make: () => string) => {
    const ok = await copyText(make());
    setStatus(ok ? 'Copied' : 'Copy failed');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setStatus(''), STATUS_MS);
  };

  const choices = copyChoices(model);

  return (
    <div class="copy-bar" role="toolbar" aria-label="Copy payload">
      <span class="copy-prefix" aria-hidden="true">
        Copy as
      </span>
      {choices.map((c) => (
        <button key={c.name} type="button" aria-label={c.name} title={c.name} onClick={() => copy(c.make)}>
          {c.visible}
        </button>
      ))}
      <span class="copy-status" role="status">
        {status}
      </span>
    </div>
  );
}
