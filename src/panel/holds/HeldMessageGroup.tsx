/**
 * One held message: where it was going, its whole text (editable when the whole frame reached the panel),
 * and Forward, Forward edited and Drop message. An answer stays "in flight" until the page records what it
 * did with the frame (the group then leaves the bar); with no answer after a few seconds the buttons come back.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { HoldDecision } from '../../shared/message-rules';
import type { PayloadBody, ToRelay } from '../../shared/protocol';
import { ErrorMessage } from '../components/ErrorMessage';
import { formatBytes, formatTime } from '../format/format';
import { type HeldText, holdAnswer, textFromBody, textFromSummary } from './answer';
import type { PausedEntry } from './paused-view';

export interface HeldGroupProps {
  entry: PausedEntry;
  /** The connection's "#n", when the capture still knows the connection. */
  ordinal: number | undefined;
  fetchPayload(frame: string, seq: number): Promise<PayloadBody>;
  send(message: ToRelay): void;
  /** Called when the group leaves the bar while it holds the focus. */
  onFocusLost(): void;
}

/** How long an answer may go without the page's record of it before the buttons come back. */
export const ANSWER_PATIENCE_MS = 5000;

const IN_FLIGHT: Record<HoldDecision, string> = {
  forward: 'Forwarding…',
  edited: 'Forwarding the edited message…',
  drop: 'Dropping…',
};

/** Loads the held frame's whole text: from its summary when that holds all of it, else from the relay. */
function useHeldText(entry: PausedEntry, fetchPayload: HeldGroupProps['fetchPayload']): HeldText | null {
  const { held } = entry;
  const [loaded, setLoaded] = useState<HeldText | null>(() => textFromSummary(held));
  useEffect(() => {
    if (loaded) return;
    let current = true;
    void fetchPayload(held.frame, held.seq).then((body) => {
      if (current) setLoaded(textFromBody(held, body));
    });
    return () => {
      current = false;
    };
  }, [held, loaded, fetchPayload]);
  return loaded;
}

export function HeldMessageGroup({ entry, ordinal, fetchPayload, send, onFocusLost }: HeldGroupProps) {
  const { held, unanswerable } = entry;
  const loaded = useHeldText(entry, fetchPayload);
  const [edited, setEdited] = useState<string | null>(null);
  const [inFlight, setInFlight] = useState<HoldDecision | null>(null);
  const [error, setError] = useState<string | null>(null);
  const group = useRef<HTMLFieldSetElement>(null);
  const onFocusLostRef = useRef(onFocusLost);
  onFocusLostRef.current = onFocusLost;

  useEffect(() => {
    if (!inFlight) return;
    const timer = setTimeout(() => {
      setInFlight(null);
      setError('The page has not recorded an answer yet: it may be busy, or the link to it was lost. You can answer again.');
    }, ANSWER_PATIENCE_MS);
    return () => clearTimeout(timer);
  }, [inFlight]);

  // The answered group leaves the bar: focus goes on to the next held message rather than to nowhere.
  useLayoutEffect(() => {
    const element = group.current;
    return () => {
      if (element?.contains(document.activeElement)) onFocusLostRef.current();
    };
  }, []);

  const text = edited ?? loaded?.text ?? '';
  const editable = loaded !== null && loaded.partial === null && unanswerable === null;
  const changed = edited !== null && edited !== loaded?.text;
  const blocked = unanswerable ?? (inFlight ? IN_FLIGHT[inFlight] : null);

  const answer = (decision: HoldDecision) => {
    if (blocked || (decision === 'edited' && !changed)) return;
    const result = holdAnswer(held, decision, text);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setInFlight(decision);
    send(result.message);
  };

  const noteId = `held-note-${held.frame}-${held.hold}`;
  const note = unanswerable ?? (loaded?.partial ? `${loaded.partial} It can be forwarded or dropped as it is, not edited.` : null);
  // Disabled while it cannot apply (nothing edited, no page to answer); only marked while an answer is in
  // flight, so that focus stays on the button just pressed.
  const button = (decision: HoldDecision, label: string, disabled: boolean) => (
    <button
      type="button"
      disabled={disabled || unanswerable !== null}
      aria-disabled={inFlight ? 'true' : undefined}
      aria-describedby={note ? noteId : undefined}
      onClick={() => answer(decision)}
    >
      {label}
    </button>
  );

  return (
    <fieldset ref={group} class="held" aria-label={`Held message ${held.hold}`} aria-busy={inFlight !== null}>
      <div class="held-facts">
        {ordinal !== undefined ? `#${ordinal}` : 'A connection no longer listed'},{' '}
        {held.dir === 'send' ? (
          <span class="dir-send">outgoing (page → server)</span>
        ) : (
          <span class="dir-recv">incoming (server → page)</span>
        )}
        , {formatBytes(held.size)} {held.binary ? 'binary, shown as hex' : 'text'}, held at {formatTime(held.t)}
      </div>
      <textarea
        aria-label={held.binary ? 'Held message bytes (hex)' : 'Held message text'}
        spellcheck={false}
        rows={Math.min(6, Math.max(2, text.split('\n', 7).length))}
        value={loaded ? text : 'Loading the whole message…'}
        readOnly={!editable}
        onInput={(event) => {
          setEdited((event.target as HTMLTextAreaElement).value);
          setError(null);
        }}
      />
      {note ? (
        <p id={noteId} class="held-note">
          {note}
        </p>
      ) : null}
      <ErrorMessage class="held-error" message={error} />
      <div class="held-buttons">
        {button('forward', 'Forward', false)}
        {button('edited', 'Forward edited', !changed || !editable)}
        {button('drop', 'Drop message', false)}
        <span class="held-progress" role="status">
          {inFlight ? IN_FLIGHT[inFlight] : ''}
        </span>
      </div>
    </fieldset>
  );
}
