/** Text with its matches marked: text nodes and <mark> elements only, never HTML from the payload. */
import type { Piece } from './find';

export function Highlighted({ pieces, current }: { pieces: Piece[]; current: number }) {
  return (
    <>
      {pieces.map((piece, i) =>
        piece.match < 0 ? (
          piece.text
        ) : (
          <mark key={i} class={piece.match === current ? 'find-current' : undefined} data-match={piece.match}>
            {piece.text}
          </mark>
        ),
      )}
    </>
  );
}
