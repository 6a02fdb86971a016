/**
 * The real panel transport: a runtime port to the background, reconnecting behind the Transport
 * interface (see reconnecting.ts) when the port drops.
 */
import browser from 'webextension-polyfill';
import { connectPortTransport } from '../../shared/port-transport';
import { PORT_NAMES } from '../../shared/protocol';
import type { Transport } from '../../shared/transport';
import { createReconnectingTransport } from './reconnecting';

export function createRuntimeTransport(onReconnect: () => void): Transport {
  return createReconnectingTransport(() => connectPortTransport(() => browser.runtime.connect({ name: PORT_NAMES.panel })), onReconnect);
}
