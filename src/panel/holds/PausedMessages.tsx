/**
 * The paused-messages bar above the timeline: shown while message rules hold frames (breakpoints), oldest
 * first. Each frame waits in the page, with every later frame of its direction, until it is answered here.
 */
import { useEffect } from 'preact/hooks';
import type { PayloadBody, ToRelay } from '../../shared/protocol';
import { capture } from '../state/store';
import { HeldMessageGroup } from './HeldMessageGroup';
import { pausedView } from './paused-view';
import './holds.css';

/** Groups rendered at once; the page answers in order, so the oldest are the ones that matter. */
export const MAX_LISTED = 50;

export interface PausedMessagesProps {
  fetchPayload(frame: string, seq: number): Promise<PayloadBody>;
  send(message: ToRelay): void;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** After an answered group leaves: the next held message's text box, else the timeline. */
function focusNext(): void {
  setTimeout(() => {
    const next =
      document.querySelector<HTMLElement>('.paused-messages textarea') ??
      document.querySelector<HTMLElement>('[role=listbox][aria-label=Messages]');
    next?.focus();
  }, 0);
}

/** Alt+Shift+H, anywhere in the panel: to the oldest held message's text box (the keys are the same in every layout). */
export const isJumpToHeldKey = (event: KeyboardEvent) => event.altKey && event.shiftKey && !event.ctrlKey && event.code === 'KeyH';

function jumpToHeld(event: KeyboardEvent): void {
  if (!isJumpToHeldKey(event)) return;
  const first = document.querySelector<HTMLElement>('.paused-messages textarea');
  if (!first) return;
  event.preventDefault();
  first.focus();
}

export function PausedMessages({ fetchPayload, send }: PausedMessagesProps) {
  const { entries, overflow } = pausedView.value;
  const shown = entries.length > 0 || overflow > 0;
  useEffect(() => {
    if (!shown) return;
    window.addEventListener('keydown', jumpToHeld);
    return () => window.removeEventListener('keydown', jumpToHeld);
  }, [shown]);
  if (!shown) return null;
  const connections = capture.value.connections;
  const unlisted = entries.length - MAX_LISTED;
  return (
    <section class="paused-messages" aria-label="Paused messages">
      <div class="paused-head">
        <span class="paused-count" role="status">
          {plural(entries.length, 'paused message', 'paused messages')}
        </span>
        <span class="paused-hint">Later messages in the same direction wait behind each one. Alt+Shift+H comes here.</span>
      </div>
      <div class="paused-list">
        {entries.slice(0, MAX_LISTED).map((entry) => (
          <HeldMessageGroup
            key={`${entry.held.frame}:${entry.held.hold}`}
            entry={entry}
            ordinal={connections.get(`${entry.held.frame}:${entry.held.conn}`)?.ordinal}
            fetchPayload={fetchPayload}
            send={send}
            onFocusLost={focusNext}
          />
        ))}
        {unlisted > 0 ? <p class="paused-hint">and {plural(unlisted, 'more', 'more')}: answer the ones above first.</p> : null}
        {overflow > 0 ? (
          <p class="held-note">{plural(overflow, 'more held message was', 'more held messages were')} not listed: the list was full.</p>
        ) : null}
      </div>
    </section>
  );
}
