/** Closing the connection (validated as WebSocket.close() validates) and dropping it abnormally. */
import { useState } from 'preact/hooks';
import { ErrorMessage } from '../components/ErrorMessage';
import { showStatus } from './action-state';
import { validateClose } from './close-validation';
import { describedBy, dropDescribedBy, type GroupProps } from './group-props';
import { useEditError } from './useEditError';

export function CloseGroup({ connection, unavailable, dropUnavailable, post }: GroupProps) {
  const [code, setCode] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError, edited] = useEditError();
  const disabled = unavailable !== null;

  const close = () => {
    if (!connection || unavailable) return;
    const checked = validateClose(code, reason);
    if (!checked.ok) return setError(checked.error);
    setError(null);
    post({ c: 'close', id: connection.conn, code: checked.code, reason: checked.reason });
    showStatus(`Closing connection #${connection.ordinal}${checked.code !== undefined ? ` with code ${checked.code}` : ''}`);
  };

  const drop = () => {
    if (!connection || unavailable || dropUnavailable) return;
    post({ c: 'drop', id: connection.conn });
    showStatus(`Dropped connection #${connection.ordinal}: the page sees error, then close 1006`);
  };

  return (
    <fieldset class="actions-group">
      <legend>Close</legend>
      <div class="actions-row">
        <label>
          Code
          <input
            type="number"
            aria-label="Close code"
            class="narrow"
            placeholder="1000"
            min={1000}
            max={4999}
            value={code}
            aria-invalid={error?.startsWith('InvalidAccessError') ?? false}
            onInput={edited(setCode)}
          />
        </label>
        <label>
          Reason
          <input
            type="text"
            aria-label="Close reason"
            value={reason}
            aria-invalid={error?.startsWith('SyntaxError') ?? false}
            onInput={edited(setReason)}
          />
        </label>
      </div>
      <ErrorMessage class="actions-error" message={error} />
      <div class="actions-row">
        <button type="button" disabled={disabled} aria-describedby={describedBy(unavailable)} onClick={close}>
          Close connection
        </button>
        <button
          type="button"
          disabled={disabled || dropUnavailable !== null}
          aria-describedby={dropDescribedBy(unavailable, dropUnavailable)}
          title={dropUnavailable ?? 'Abnormal disconnect: the page sees an error, then close 1006'}
          onClick={drop}
        >
          Drop connection
        </button>
      </div>
    </fieldset>
  );
}
