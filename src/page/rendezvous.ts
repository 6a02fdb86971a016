/**
 * Where the hook meets the relay: the document's FontFaceSet, which no page script can have reached
 * before ours (see shared/handshake.ts). A document without one falls back to the window, as the
 * relay does (src/content/rendezvous.ts).
 */
import type { Natives } from './natives';

export function rendezvousTarget(n: Natives): EventTarget {
  try {
    const fonts = n.documentFonts ? n.apply(n.documentFonts, n.document, []) : null;
    if (fonts) return fonts;
  } catch {
    // a document of a kind without fonts
  }
  return n.win;
}
