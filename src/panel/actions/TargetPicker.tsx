/** The Actions' own connection choice, offered while the toolbar's filter shows all connections. */
import type { Connection } from '../state/model';
import { capture } from '../state/store';
import { pickedConnection } from './action-state';

export function TargetPicker({ target }: { target: Connection | undefined }) {
  const list = [...capture.value.connections.values()];
  if (list.length === 0) return null;
  return (
    <label>
      Act on
      <select
        aria-label="Target connection"
        value={target?.key ?? ''}
        onChange={(e) => (pickedConnection.value = (e.target as HTMLSelectElement).value)}
      >
        {list.map((c) => (
          <option key={c.key} value={c.key}>
            #{c.ordinal} {c.url} ({c.state})
          </option>
        ))}
      </select>
    </label>
  );
}
