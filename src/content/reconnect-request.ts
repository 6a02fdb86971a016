/**
 * The relay's side of the background's one-shot messages: `relay-reconnect` (src/shared/one-shot.ts), a restarted
 * background asks every frame of a tab to connect again; and Firefox's worker capture (src/shared/worker-link.ts).
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

/** The background's word on this document's workers; anything else is ignored (the reconnect listener may own it). */
export function onWorkerWord(events: OneShotEvents, listener: (word: ToRelayFromBackground) => void): void {
  events.addListener((message) => {
    let word: ToRelayFromBackground;
    try {
      word = checkWorkerWord(message, 'message');
    } catch {
      return undefined;
    }
    listener(word);
    return undefined;
  });
}
