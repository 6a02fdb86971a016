/** What both directions of a log file (export and import) say about the capture, whichever the format. */
import type { FrameInfo, RelayCounters } from '../../shared/protocol';

/** How a payload's `data` is written: as text, or binary as base64. */
export type Encoding = 'text' | 'base64';

/** One document of the capture as a log holds it: what it is, how many events never reached the panel, and its relay's counters. */
export interface LoggedFrame {
  info: FrameInfo;
  missing: number;
  counters: RelayCounters;
}
