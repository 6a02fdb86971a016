/**
 * The status bar's word on Deep capture: worker bodies let go past the budget. Firefox, which has no Deep capture,
 * captures workers without it (src/background/firefox-workers/), so nothing needs saying there.
 */
import { heldBodies } from './held-bodies';

export function DeepCaptureNote() {
  return <>{heldBodies.trimmed ? <span class="warn">{heldBodies.trimmed} worker bodies let go (memory budget)</span> : null}</>;
}
