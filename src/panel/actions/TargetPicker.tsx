/** The Actions' own connection choice, offered while the toolbar's filter shows all connections. */
import { ConnectionPicker } from '../components/ConnectionPicker';
import type { Connection } from '../state/model';
import { capture } from '../state/store';
import { pickedConnection } from './action-state';

export function TargetPicker({ target }: { target: Connection | undefined }) {
  const { connections } = capture.value;
  if (connections.size === 0) return null;
  return (
    <ConnectionPicker
      caption="Act on"
      label="Target connection"
      connections={connections.values()}
      value={target?.key ?? ''}
      onPick={(key) => (pickedConnection.value = key)}
      withState
    />
  );
}
