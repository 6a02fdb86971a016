/** The reconnection test: refuse new sockets to the URL for a while, then drop the connection. */
import { useState } from 'preact/hooks';
import { ErrorMessage } from '../components/ErrorMessage';
import { reconnectRun, reconnectSettings, refuseRules, showStatus } from './action-state';
import { dropDescribedBy, type GroupProps } from './group-props';
import { buildRefuseRule, type RefuseBy, withTestRule } from './rules';
import { useEditError } from './useEditError';

const setSetting = (change: Partial<typeof reconnectSettings.value>) => {
  reconnectSettings.value = { ...reconnectSettings.value, ...change };
};

export function ReconnectGroup({ connection, unavailable, dropUnavailable, post }: GroupProps) {
  const [pattern, setPattern] = useState(connection?.url ?? '');
  const { by, count } = reconnectSettings.value;
  const [error, setError, edited] = useEditError();
  const disabled = unavailable !== null || dropUnavailable !== null;

  const start = () => {
    if (!connection || unavailable || dropUnavailable) return;
    const now = Date.now();
    const built = buildRefuseRule(pattern, by, count, now);
    if (!built.ok) return setError(built.error);
    setError(null);
    // Rules first: the same port carries both, so the page holds the rule before it sees the drop.
    refuseRules.value = withTestRule(refuseRules.value, built.rule);
    post({ c: 'drop', id: connection.conn });
    reconnectRun.value = { dropAt: now, pattern, droppedKey: connection.key, ordinal: connection.ordinal };
    showStatus(`Dropped connection #${connection.ordinal}; refusing reconnects for ${count} ${by}`);
  };

  return (
    <fieldset class="actions-group">
      <legend>Reconnection test</legend>
      <label class="actions-wide">
        URL pattern
        <input
          type="text"
          aria-label="URL pattern"
          title="Part of the URL, or a regular expression written as /…/"
          value={pattern}
          onInput={edited(setPattern)}
        />
      </label>
      <div class="actions-row">
        <label>
          Refuse by
          <select aria-label="Refuse by" value={by} onChange={(e) => setSetting({ by: (e.target as HTMLSelectElement).value as RefuseBy })}>
            <option value="seconds">Seconds</option>
            <option value="attempts">Attempts</option>
          </select>
        </label>
        <input
          type="number"
          aria-label="Refuse count"
          class="narrow"
          min={1}
          value={count}
          onInput={edited((count) => setSetting({ count }))}
        />
      </div>
      <ErrorMessage class="actions-error" message={error} />
      <button type="button" disabled={disabled} aria-describedby={dropDescribedBy(unavailable, dropUnavailable)} onClick={start}>
        Drop and refuse reconnects
      </button>
    </fieldset>
  );
}
