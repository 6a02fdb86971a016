/**
 * SocketScope's page-world hook. Runs in the MAIN world at document_start in every frame, before
 * any page script, and patches WebSocket so that capture starts with the page. It must never throw
 * into the page: a failure to install leaves the page with its native WebSocket.
 */
import { openChannel } from './channel';
import { install } from './install';

try {
  install(globalThis, openChannel);
} catch {
  // Nothing to report to: without the hook the page simply runs unobserved.
}
