/**
 * The relay's side of the page → relay link: hands the page hook a MessagePort and accepts only
 * well-formed batches from it. Anything else (a hostile page writing to the port, a bug) is
 * rejected and counted, and the rest of the capture goes on.
 */
import { HANDSHAKE } from '../shared/handshake';
import { checkPageEvent, type PageCommand, type PageEvent } from '../shared/protocol';

export interface PageLinkHandlers {
  onEvent(event: PageEvent): void;
  onReject(reason: string): void;
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
  channel.port1.onmessage = (message) => {
    const batch: unknown = crossCompartment ? structuredClone(message.data) : message.data;
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
  // Posted to our own window only; the hook's listener (added first, at document_start) takes it.
  window.postMessage({ [HANDSHAKE.connect]: true }, '*', [channel.port2]);
  return {
    command(command) {
      const transfer = 'data' in command && command.data instanceof ArrayBuffer ? [command.data] : [];
      channel.port1.postMessage(command, transfer);
    },
  };
}
