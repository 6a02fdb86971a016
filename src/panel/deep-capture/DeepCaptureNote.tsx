/** The status bar's word on Deep capture: why it is unavailable here, and worker bodies let go past the budget. */
import { deepCaptureUnavailable } from './deep-state';
import { heldBodies } from './held-bodies';

export function DeepCaptureNote() {
  const unavailable = deepCaptureUnavailable();
  return (
    <>
      {unavailable ? (
        <span class="deep-capture-note" title={unavailable}>
          {unavailable}
        </span>
      ) : null}
      {heldBodies.trimmed ? <span class="warn">{heldBodies.trimmed} worker bodies let go (memory budget)</span> : null}
    </>
  );
}
