/** The relay's side of `relay-reconnect` (src/shared/one-shot.ts): a restarted background asks every frame of a tab to connect again. */
import { checkRelayReconnect, isValid } from '../shared/one-shot';

export interface OneShotEvents {
  addListener(listener: (message: unknown) => undefined): void;
}

export function onReconnectRequest(events: OneShotEvents, listener: () => void): void {
  events.addListener((message) => {
    if (isValid(checkRelayReconnect, message)) listener();
    return undefined; // never answers: the background does not wait
  });
}
