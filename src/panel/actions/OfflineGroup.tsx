/**
 * Offline mode: new sockets matching the pattern are refused until it is switched off. Open
 * connections stay up (drop them to see the page go offline); it works whatever their state.
 */
import { useState } from 'preact/hooks';
import { ErrorMessage } from '../components/ErrorMessage';
import { refuseRules, showStatus } from './action-state';
import { isOfflineRule, patternError, withOffline } from './rules';
import { useEditError } from './useEditError';

export function OfflineGroup({ defaultPattern, readOnly }: { defaultPattern: string; readOnly: boolean }) {
  const active = refuseRules.value.find(isOfflineRule);
  const [pattern, setPattern] = useState(defaultPattern);
  const [error, setError, edited] = useEditError();

  const toggle = (box: HTMLInputElement) => {
    if (!box.checked) {
      refuseRules.value = withOffline(refuseRules.value, null);
      setError(null);
      showStatus('Offline mode off');
      return;
    }
    const problem = patternError(pattern);
    if (problem) {
      box.checked = false; // the rule was not added: the box must not claim it was
      return setError(problem);
    }
    setError(null);
    refuseRules.value = withOffline(refuseRules.value, pattern);
    showStatus(`Offline mode on: new sockets matching ${pattern} are refused`);
  };

  return (
    <fieldset class="actions-group">
      <legend>Offline</legend>
      <label class="actions-wide">
        Pattern
        <input
          type="text"
          aria-label="Offline pattern"
          title="Part of the URL, or a regular expression written as /…/"
          // Read-only rather than disabled while on, so that it stays reachable with Tab.
          readOnly={active !== undefined}
          disabled={readOnly}
          value={active ? active.pattern : pattern}
          onInput={edited(setPattern)}
        />
      </label>
      <label>
        <input
          type="checkbox"
          aria-label="Offline mode"
          checked={active !== undefined}
          disabled={readOnly}
          onChange={(e) => toggle(e.target as HTMLInputElement)}
        />
        Offline mode
      </label>
      <ErrorMessage class="actions-error" message={error} />
    </fieldset>
  );
}
