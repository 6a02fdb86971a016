/** Chooses what an export covers: every row or the filtered view, one connection or all. */

import type { LoggedFrame } from '../log-format/types';
import type { Capture, Connection, Row } from '../state/model';

export interface Selection {
  rows: Row[];
  connections: Connection[];
  frames: LoggedFrame[];
}

/**
 * `visible` holds indices into `capture.rows` (the filtered view), or is null for every row.
 * `connection` is a connection key or 'all'; like the toolbar filter, one connection excludes gap rows.
 */
export function selectForExport(capture: Capture, visible: ArrayLike<number> | null, connection: string): Selection {
  const source = capture.rows;
  const rows: Row[] = [];
  const count = visible ? visible.length : source.length;
  for (let i = 0; i < count; i++) {
    const row = source[visible ? visible[i] : i];
    if (!row) continue;
    if (connection !== 'all' && `${row.frame}:${row.conn}` !== connection) continue;
    rows.push(row);
  }

  let connections: Connection[];
  if (connection === 'all' && visible === null) connections = [...capture.connections.values()];
  else {
    const keys = new Set<string>();
    if (connection !== 'all') keys.add(connection);
    for (const row of rows) if (row.k !== 'gap') keys.add(`${row.frame}:${row.conn}`);
    connections = [...capture.connections.values()].filter((c) => keys.has(c.key));
  }

  const frameKeys = new Set<string>(connections.map((c) => c.frame));
  for (const row of rows) frameKeys.add(row.frame);
  const frames: LoggedFrame[] = [];
  for (const [key, frame] of capture.frames) {
    if (frameKeys.has(key)) frames.push({ info: frame.info, missing: frame.missing, counters: frame.counters });
  }
  return { rows, connections, frames };
}
