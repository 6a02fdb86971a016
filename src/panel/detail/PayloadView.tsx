/** Shows a payload as text (always as text nodes, never as HTML). Richer views plug in here. */
import type { PayloadBody } from '../../shared/protocol';

export function PayloadView({ body, partial }: { body: PayloadBody; partial: boolean }) {
  if ('missing' in body) return <p class="missing">{body.missing}</p>;
  const text = 'text' in body ? body.text : body.base64;
  return (
    <section class="payload" aria-label="Payload">
      {partial ? <p class="note">Showing the preview; loading the whole payload…</p> : null}
      <pre class="payload-text">{text}</pre>
    </section>
  );
}
