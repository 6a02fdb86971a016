/**
 * Names used by the page hook and the relay to find each other. Kept apart from protocol.ts so that
 * the page hook bundles nothing but these strings.
 *
 * The hook and the relay meet on the document's FontFaceSet (`document.fonts`): an EventTarget that
 * is new with every document and whose events never propagate to the window. A page can reach a
 * same-origin child's *window* before the child's document exists (`frames[0]`, and Chromium keeps
 * that window and its listeners when the initial about:blank is replaced), but never the new
 * document's FontFaceSet: both of our scripts have met there before any page script can look.
 */
export const HANDSHAKE = {
  /** Relay → hook, on the rendezvous target: a MessageEvent whose one port the hook posts batches to. */
  connect: '__socketscope_connect_v1__',
  /** Hook → relay, on the rendezvous target: "I run; offer me the port" (for when the relay ran first). */
  ready: '__socketscope_ready_v1__',
  /** Hook → relay, on the rendezvous target, right after it takes the port: the secret its final hand-over will carry. */
  token: '__socketscope_token_v1__',
  /** Hook → relay, synchronously on pagehide: batches not yet acknowledged and events not yet posted (JSON text). */
  final: '__socketscope_final_v1__',
  /** Window event a second copy of the hook dispatches to learn that one already runs (see page/idempotency.ts). */
  probe: '__socketscope_probe_v1__',
} as const;
