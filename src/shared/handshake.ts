/**
 * Names used by the page hook and the relay to find each other on the window. Kept apart from
 * protocol.ts so that the page hook bundles nothing but these strings.
 */
export const HANDSHAKE = {
  /** Relay → hook: carries the MessagePort that the hook will post batches to. */
  connect: '__socketscope_connect_v1__',
  /** Hook → relay, synchronously on pagehide: the events that were still waiting for a batch (JSON text). */
  final: '__socketscope_final_v1__',
  /** Synchronous probe event a second copy of the hook dispatches to learn that one already runs. */
  probe: '__socketscope_probe_v1__',
} as const;
