/**
 * Where the relay meets the page hook: the document's FontFaceSet (see shared/handshake.ts for why no
 * page script can listen there first). A document without one falls back to the window.
 */
export function rendezvousTarget(): EventTarget {
  const fonts = (document as Document & { fonts?: EventTarget | null }).fonts;
  return fonts && typeof fonts.addEventListener === 'function' ? fonts : window;
}
