/**
 * The "Deep capture (workers)" switch: the user's explicit choice, because while it is on the browser
 * shows its "is debugging this browser" bar. Its state and every reason it stopped are said next to it.
 * Where the browser cannot offer it (Firefox), there is no switch: the status bar names the reason
 * (DeepCaptureNote), which costs no line of the panel's height.
 */
import type { ToRelay } from '../../shared/protocol';
import { deepCapture, deepCaptureUnavailable } from './deep-state';

const EXPLAIN =
  'Captures WebSockets opened in dedicated, module, nested and shared workers through the browser debugger. ' +
  'While it is on, the browser shows a bar saying that SocketScope is debugging this browser. Worker sockets are observe only.';

export function DeepCaptureToggle({ send }: { send(message: ToRelay): void }) {
  if (deepCaptureUnavailable() !== null) return null;
  const { state, detail } = deepCapture.value;
  const on = state === 'on' || state === 'starting';
  return (
    <section class="deep-capture" aria-label="Deep capture">
      <button
        type="button"
        aria-pressed={on}
        disabled={state === 'starting'}
        aria-describedby="deep-capture-status"
        title={EXPLAIN}
        onClick={() => send({ type: 'deep-capture', on: !on })}
      >
        Deep capture (workers)
      </button>
      <span id="deep-capture-status" class="deep-capture-status" role="status">
        {detail || 'Off. Turn it on to see sockets in workers; the browser then shows its debugging bar.'}
      </span>
    </section>
  );
}
