/**
 * The relay's side of the page → relay link: hands the page hook a MessagePort and accepts only
 * well-formed batches from it. Anything else (a hostile page writing to the port, a bug) is
 * rejected and counted, and the rest of the capture goes on.
 */

import { base64ToBytes } from '../shared/codec';
import { HANDSHAKE } from '../shared/handshake';
import { checkPageEvent, type PageCommand, type PageEvent } from '../shared/protocol';
import { rendezvousTarget } from './rendezvous';

export interface PageLinkHandlers {
  onEvent(event: PageEvent): void;
  onReject(reason: string): void;
  /** The document is leaving and the hook handed over its last events: deliver them now. */
  onFinal(): void;
}

/** The final hand-over carries JSON text; binary payloads come as {base64}, unreadable Blobs as {blob: size}. */
function reviveFinal(text: string): unknown[] {
  const events = JSON.parse(text);
  if (!Array.isArray(events)) throw new Error('the final batch is not a list');
  for (const event of events) {
    const data = event?.data;
    if (data && typeof data === 'object' && typeof data.base64 === 'string') {
      const bytes = base64ToBytes(data.base64);
      event.data = bytes ? bytes.buffer : '';
    } else if (data && typeof data === 'object') {
      event.data = '';
      event.size = Number(data.blob) || 0;
    }
  }
  return events;
}

export interface PageLink {
  /** Sends a command to the page hook (binary data is transferred). */
  command(command: PageCommand): void;
}

export function linkToPage(handlers: PageLinkHandlers): PageLink {
  const channel = new MessageChannel();
  // Firefox hands the content script page-compartment objects, which fail instanceof checks against
  // this compartment's ArrayBuffer and Blob; a structured clone brings them over. Chrome needs no copy.
  const crossCompartment = chrome.runtime.getURL('').startsWith('moz-extension:');
  const accept = (batch: unknown) => {
    if (!Array.isArray(batch)) {
      handlers.onReject('a message from the page was not a batch');
      return;
    }
    for (const item of batch) {
      let event: PageEvent;
      try {
        event = checkPageEvent(item, 'event');
      } catch (error) {
        handlers.onReject(String((error as Error).message));
        continue;
      }
      handlers.onEvent(event);
    }
  };
  channel.port1.onmessage = (message) => accept(crossCompartment ? structuredClone(message.data) : message.data);
  const meeting = rendezvousTarget();
  // Registered before any page script, where none can listen: the page never sees the hand-over.
  meeting.addEventListener(
    HANDSHAKE.final,
    (event) => {
      event.stopImmediatePropagation();
      const detail = (event as CustomEvent).detail;
      if (typeof detail !== 'string') return handlers.onReject('a final batch was not text');
      try {
        accept(reviveFinal(detail));
      } catch (error) {
        handlers.onReject(`a final batch did not parse: ${(error as Error).message}`);
      }
      handlers.onFinal();
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
  return {
    command(command) {
      const transfer = 'data' in command && command.data instanceof ArrayBuffer ? [command.data] : [];
      channel.port1.postMessage(command, transfer);
    },
  };
}
