/**
 * The relay's side of the background's one-shot messages: `relay-reconnect` (src/shared/one-shot.ts), a restarted
 * background asks every frame of a tab to connect again; and Firefox's worker capture (src/shared/worker-link.ts).
 * Part of the relay's core: relay.iife.ts only passes messages on, so no page pays at document_start for these checks.
 */
import { checkRelayReconnect, isValid } from '../shared/one-shot';
import { checker } from '../shared/validate';
import { type ToRelayFromBackground, toRelayFromBackground } from '../shared/worker-link';

const checkWorkerWord = checker(toRelayFromBackground);

export interface OneShotEvents {
  addListener(listener: (message: unknown) => undefined): void;
}

export function onReconnectRequest(events: OneShotEvents, listener: () => void): void {
  events.addListener((message) => {
    if (isValid(checkRelayReconnect, message)) listener();
    return undefined; // never answers: the background does not wait
  });
}

/** The background's word on this document's workers, or null for any other message (the reconnect listener may own it). */
export function readWorkerWord(message: unknown): ToRelayFromBackground | null {
  try {
    return checkWorkerWord(message, 'message');
  } catch {
    return null;
  }
}
