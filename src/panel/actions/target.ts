/** Which connection the Actions act on, and why they may be unavailable for it. */
import { observeOnlyReason } from '../deep-capture/deep-state';
import type { Capture, Connection } from '../state/model';

/**
 * The toolbar's connection filter when it names one; otherwise the Actions' own pick, or by
 * default the newest open connection (the one a user most likely means), else the newest one.
 */
export function targetConnection(capture: Capture, filterConnection: string, picked: string | null): Connection | undefined {
  if (filterConnection !== 'all') return capture.connections.get(filterConnection);
  if (picked !== null) {
    const chosen = capture.connections.get(picked);
    if (chosen) return chosen;
  }
  let newestOpen: Connection | undefined;
  let newest: Connection | undefined;
  for (const c of capture.connections.values()) {
    if (!newest || c.ordinal > newest.ordinal) newest = c;
    if (c.state === 'open' && (!newestOpen || c.ordinal > newestOpen.ordinal)) newestOpen = c;
  }
  return newestOpen ?? newest;
}

/** Why sending, closing and dropping are unavailable, or null when they are available. */
export function unavailableReason(capture: Capture, connection: Connection | undefined): string | null {
  if (capture.readOnly) return 'This capture is a read-only import: actions need a live tab.';
  if (!connection) return 'No connection yet: actions become available when the page opens a WebSocket.';
  const observeOnly = observeOnlyReason(capture.frames.get(connection.frame)?.info, connection.ordinal);
  if (observeOnly) return observeOnly;
  if (connection.state !== 'open') {
    return `Connection #${connection.ordinal} is ${connection.state}: sending, closing and dropping need an open connection.`;
  }
  return null;
}

/**
 * Why dropping is unavailable on a connection that can otherwise be acted on: a WebSocketStream tells its
 * page of a network loss through its `closed` promise, which is the browser's, so a loss cannot be shown
 * without closing the connection for real.
 */
export function dropUnavailableReason(connection: Connection | undefined): string | null {
  if (connection?.api !== 'stream') return null;
  return `Drop is unavailable on connection #${connection.ordinal}, a WebSocketStream: it learns of a network loss through its closed promise, which belongs to the browser, so a loss cannot be simulated without closing for real. Close it instead.`;
}
