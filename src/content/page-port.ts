/**
 * The part of the page link that must exist before any page script runs: the MessagePort offered to the
 * hook, and the listeners for the hook's token and final hand-over on the rendezvous target, where no page
 * script can listen first. It imports nothing but the handshake's names, so that a page pays at
 * document_start only for this; reading what arrives (page-link.ts) is loaded with the first of it.
 */
import { HANDSHAKE } from '../shared/handshake';
import { rendezvousTarget } from './rendezvous';

export interface PagePortHandlers {
  /** A message from the hook's port (a batch, not yet checked). */
  onBatch(data: unknown): void;
  /** The hook's final hand-over (not yet checked), dispatched synchronously while the document leaves. */
  onFinal(detail: unknown): void;
}

export interface PagePort {
  /** The relay's end of the channel: acknowledgements and commands go out here. */
  port: MessagePort;
  /** The secret the hook gave at the handshake; a final hand-over must carry it. Null until given. */
  token(): string | null;
}

export function openPagePort(handlers: PagePortHandlers): PagePort {
  const channel = new MessageChannel();
  channel.port1.onmessage = (message) => handlers.onBatch(message.data);
  const meeting = rendezvousTarget();
  let token: string | null = null;
  // Registered before any page script, where none can listen: the page never sees the token or a hand-over.
  meeting.addEventListener(
    HANDSHAKE.token,
    (event) => {
      const detail = (event as CustomEvent).detail;
      if (token !== null || typeof detail !== 'string') return;
      event.stopImmediatePropagation();
      token = detail;
    },
    true,
  );
  meeting.addEventListener(
    HANDSHAKE.final,
    (event) => {
      event.stopImmediatePropagation();
      handlers.onFinal((event as CustomEvent).detail);
    },
    true,
  );
  // Offered now (the hook may run already) and when the hook says it runs (it may start after us).
  // The hook cancels the offer it takes; from then on nothing is offered again, to anyone.
  const offer = () => {
    const taken = !meeting.dispatchEvent(new MessageEvent(HANDSHAKE.connect, { ports: [channel.port2], cancelable: true }));
    if (taken) meeting.removeEventListener(HANDSHAKE.ready, offer);
  };
  meeting.addEventListener(HANDSHAKE.ready, offer);
  offer();
  return { port: channel.port1, token: () => token };
}
