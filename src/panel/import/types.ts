/** The normalised form every importer (SocketScope log, HAR, LoggedWebSocket array) produces. */
import type { WireEvent } from '../../shared/protocol';
import type { LoggedFrame } from '../log-format/types';
import type { Connection } from '../state/model';

/** A problem with the file, shown to the user as it is: the message names the faulty field. */
export class ImportError extends Error {
  override name = 'ImportError';
}

/** Connection facts to keep even when the events that carried them were not exported. */
export type ImportedConnection = Pick<
  Connection,
  'frame' | 'conn' | 'url' | 'frameUrl' | 'protocols' | 'stack' | 'protocol' | 'extensions' | 'createdAt'
> &
  Partial<Pick<Connection, 'ordinal' | 'state' | 'openedAt' | 'closedAt' | 'close'>> & {
    /** The protocol the log says the connection was decoded as (checked against the known ones when applied). */
    decodedAs?: { protocol: string; by: string };
  };

export type ImportedEvent = { frame: string; event: WireEvent } | { frame: string; gap: number; seq: number; t: number };

export interface ImportedSession {
  source: 'SocketScope log' | 'HAR' | 'LoggedWebSocket log';
  frames: LoggedFrame[];
  connections: ImportedConnection[];
  /** Raw events, checked one by one as the capture is built (so that a big file is checked in chunks). */
  events: readonly unknown[];
  convert(raw: unknown, index: number): ImportedEvent;
  /** Things the user should know, such as entries that were skipped. */
  notes: string[];
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
