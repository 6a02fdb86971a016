/** How a row's part in a request/response exchange reads in the timeline and the details. */
import { formatLatency } from '../format/units';
import type { PairLink } from '../pairing/types';

export interface PairLabel {
  /** Short, for the timeline cell. */
  text: string;
  /** One sentence, for the cell's title and the details. */
  long: string;
  /** Unanswered, late or an error: shown in the warning colour. */
  warn: boolean;
}

const named = (link: PairLink) => (link.name ? ` ${link.name}` : '');

export function pairLabel(link: PairLink, timeoutMs: number): PairLabel {
  const latency = link.latencyMs !== undefined ? formatLatency(link.latencyMs) : '';
  const late = link.late ? ` (after the ${formatLatency(timeoutMs)} timeout)` : '';
  const error = link.error ? ' with an error' : '';
  switch (link.role) {
    case 'request':
      if (link.state === 'unanswered')
        return { text: 'unanswered', long: `Request${named(link)}: no answer within ${formatLatency(timeoutMs)}.`, warn: true };
      if (link.state === 'open') return { text: 'waiting', long: `Request${named(link)}: waiting for its answer.`, warn: false };
      return {
        text: `→ ${latency}`,
        long: `Request${named(link)}: answered${error} after ${latency}${late}.`,
        warn: Boolean(link.late || link.error),
      };
    case 'response':
      return {
        text: `← ${latency}`,
        long: `Answer to${named(link) || ' a request'}${error}, ${latency} after it${late}.`,
        warn: Boolean(link.late || link.error),
      };
    case 'next':
      return { text: '…', long: `Part of the answer to${named(link) || ' a request'}.`, warn: false };
    case 'end':
      return { text: 'end', long: `Ends${named(link) || ' an exchange'}.`, warn: false };
    case 'orphan':
      return { text: 'no request', long: 'An answer whose request was not captured on this connection.', warn: true };
  }
}
