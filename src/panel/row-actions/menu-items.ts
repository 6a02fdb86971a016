/** Which actions a row's menu offers, and why one is unavailable. Pure, so that the choice is unit-tested. */
import { unavailableReason } from '../actions/target';
import type { Capture, Connection, ConnectionKey, Row } from '../state/model';

export type RowActionId =
  | 'copy-text'
  | 'copy-json'
  | 'copy-base64'
  | 'copy-hex'
  | 'send-again'
  | 'send-again-on'
  | 'edit-and-send'
  | 'only-connection'
  | 'hide-connection'
  | 'copy-node'
  | 'copy-websocat';

export interface RowMenuItem {
  id: RowActionId;
  label: string;
  /** Why the action cannot run now (the item stays in the menu, marked disabled), or null. */
  unavailable: string | null;
  /** A separator goes before this item. */
  groupStart?: boolean;
  /** The connection a "Send again on #n" item sends on. */
  target?: ConnectionKey;
}

/** "Send again on #n" offers at most this many other connections, the newest first. */
export const MAX_OTHER_TARGETS = 5;

/** The other open connections a sent message can be sent again on, newest first (none in a read-only import). */
export function otherOpenConnections(capture: Capture, row: Row): Connection[] {
  if (capture.readOnly) return [];
  const own = `${row.frame}:${row.conn}`;
  const open = [...capture.connections.values()].filter((c) => c.key !== own && c.state === 'open');
  return open.sort((a, b) => b.ordinal - a.ordinal).slice(0, MAX_OTHER_TARGETS);
}

export function rowMenuItems(capture: Capture, row: Row): RowMenuItem[] {
  if (row.k === 'gap') return [];
  const items: RowMenuItem[] = [];
  const connection = capture.connections.get(`${row.frame}:${row.conn}`);
  if (row.k === 'msg' || row.k === 'send-fail') {
    items.push(
      { id: 'copy-text', label: 'Copy as text', unavailable: null },
      { id: 'copy-json', label: 'Copy as JSON', unavailable: null },
      { id: 'copy-base64', label: 'Copy as base64', unavailable: null },
      { id: 'copy-hex', label: 'Copy as hex', unavailable: null },
    );
    if (row.k === 'msg' && row.dir === 'send') {
      items.push({ id: 'send-again', label: 'Send again', unavailable: unavailableReason(capture, connection), groupStart: true });
      for (const other of otherOpenConnections(capture, row)) {
        items.push({
          id: 'send-again-on',
          label: `Send again on #${other.ordinal}`,
          unavailable: unavailableReason(capture, other),
          target: other.key,
        });
      }
    }
    const readOnly = capture.readOnly ? unavailableReason(capture, connection) : null;
    items.push({ id: 'edit-and-send', label: 'Edit and send', unavailable: readOnly, groupStart: items.length === 4 });
  }
  if (!connection) return items;
  items.push(
    { id: 'only-connection', label: `Filter to connection #${connection.ordinal}`, unavailable: null, groupStart: items.length > 0 },
    { id: 'hide-connection', label: `Hide connection #${connection.ordinal}`, unavailable: null },
    { id: 'copy-node', label: 'Copy connection as Node script', unavailable: null, groupStart: true },
    { id: 'copy-websocat', label: 'Copy connection as websocat command', unavailable: null },
  );
  return items;
}
