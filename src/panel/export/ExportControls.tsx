/** The toolbar's export group: the "Export…" button and its dialog. */
import { useRef, useState } from 'preact/hooks';
import { ExportDialog } from './ExportDialog';
import type { FetchPayload } from './types';
import '../log-format/io.css';

export function ExportControls({ fetchPayload }: { fetchPayload?: FetchPayload }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <fieldset class="io-group" aria-label="Export tools">
      <button ref={button} type="button" aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen(!open)}>
        Export…
      </button>
      {open ? <ExportDialog fetchPayload={fetchPayload ?? null} onClose={close} /> : null}
    </fieldset>
  );
}
