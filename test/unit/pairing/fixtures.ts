/** Readable conversations for the pairing engine: who said what, when (ms after T0), with which hints. */
import type { PairHint } from '../../../src/panel/decode/types';
import { feed } from '../../../src/panel/pairing/feed';
import type { PairingState } from '../../../src/panel/pairing/state';
import type { ConnectionKey } from '../../../src/panel/state/model';

/** 2024-01-01T00:00:00Z. */
export const T0 = Date.UTC(2024, 0, 1);

export const request = (key: string, name?: string): PairHint => ({ key, role: 'request', name });
export const response = (key: string, error?: boolean): PairHint => ({ key, role: 'response', error });
export const next = (key: string): PairHint => ({ key, role: 'next' });
export const end = (key: string): PairHint => ({ key, role: 'end' });

/**
 * A socket in a document: `say(ms, ...hints)` feeds one captured message at T0 + ms and returns its
 * seq. Sockets of one document share its sequence, as captured rows do.
 */
export function socketsOf(state: PairingState, frame = 'doc') {
  let seq = 0;
  return (conn: number) => {
    const key: ConnectionKey = `${frame}:${conn}`;
    return {
      frame,
      conn: key,
      say(ms: number, ...hints: PairHint[]): number {
        seq++;
        feed(state, { frame, seq, conn: key, t: T0 + ms, hints });
        return seq;
      },
    };
  };
}
