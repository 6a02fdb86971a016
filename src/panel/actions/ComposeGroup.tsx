/** The message editor: format, validation, pretty-printing, and send or inject. Ctrl+Enter sends. */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ErrorMessage } from '../components/ErrorMessage';
import { composerFocusRequested, draft, showStatus } from './action-state';
import { type Direction, deliver } from './deliver';
import { describedBy, type GroupProps } from './group-props';
import { prettyJson } from './json-pretty';
import { FORMATS, type PayloadFormat, parsePayload } from './payload-format';

export function ComposeGroup({ connection, unavailable, post }: GroupProps) {
  const { text, format, from } = draft.value;
  // Live validation is only shown once there is something to validate, or after a send was tried.
  const [tried, setTried] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const parsed = useMemo(() => parsePayload(text, format), [text, format]);
  const shownError = actionError ?? (!parsed.ok && (text !== '' || tried) ? parsed.error : null);
  const editor = useRef<HTMLTextAreaElement>(null);
  const focusRequested = composerFocusRequested.value;
  useEffect(() => {
    if (!focusRequested || !editor.current) return;
    composerFocusRequested.value = false;
    editor.current.focus();
  }, [focusRequested]);

  const edit = (patch: Partial<typeof draft.value>) => {
    const next = { ...draft.value, ...patch };
    // An emptied editor starts a new message: it no longer comes from a captured row.
    if (next.text === '') delete next.from;
    draft.value = next;
    setTried(false);
    setActionError(null);
  };

  const run = (direction: Direction) => {
    setTried(true);
    if (!connection || unavailable) return setActionError(unavailable ?? 'No connection selected.');
    const result = deliver(post, connection.conn, direction, text, format, from);
    if (!result.ok) return setActionError(result.error);
    setActionError(null);
    showStatus(result.status);
  };

  const prettyPrint = () => {
    const pretty = prettyJson(text);
    if (pretty === null) {
      setTried(true);
      return;
    }
    edit({ text: pretty });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run('send');
    }
  };

  return (
    <fieldset class="actions-group compose">
      <legend>Compose</legend>
      <div class="actions-row">
        <label>
          Format
          <select
            aria-label="Format"
            value={format}
            onChange={(e) => edit({ format: (e.target as HTMLSelectElement).value as PayloadFormat })}
          >
            {FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        {format === 'json' ? (
          <button type="button" onClick={prettyPrint}>
            Pretty-print
          </button>
        ) : null}
      </div>
      <label class="actions-editor">
        Message
        <textarea
          ref={editor}
          aria-label="Message"
          title="Ctrl+Enter sends to the server"
          spellcheck={false}
          rows={4}
          value={text}
          aria-invalid={shownError !== null}
          onInput={(e) => edit({ text: (e.target as HTMLTextAreaElement).value })}
          onKeyDown={onKeyDown}
        />
      </label>
      <ErrorMessage class="actions-error" message={shownError} />
      <div class="actions-row">
        <button type="button" disabled={unavailable !== null} aria-describedby={describedBy(unavailable)} onClick={() => run('send')}>
          Send to server
        </button>
        <button type="button" disabled={unavailable !== null} aria-describedby={describedBy(unavailable)} onClick={() => run('receive')}>
          Inject as received
        </button>
      </div>
    </fieldset>
  );
}
