/** The payload of a message row: its preview at once, then the whole kept body fetched from the relay. */
import { useEffect, useState } from 'preact/hooks';
import type { PayloadBody } from '../../shared/protocol';
import type { Row } from '../state/model';

export type Body = { text: string } | { base64: string };

export interface LoadedPayload {
  row: Row;
  body: Body;
  /**
   * whole: the preview is the whole payload; loading: the preview, while the body is fetched;
   * kept: the body the page kept (all of it, or its first part when trimmed at capture);
   * missing: only the preview exists, for `reason`.
   */
  state: 'whole' | 'loading' | 'kept' | 'missing';
  reason?: string;
}

export type FetchPayload = (frame: string, seq: number) => Promise<PayloadBody>;

export function usePayload(row: Row | null, fetchPayload: FetchPayload): LoadedPayload | null {
  const [loaded, setLoaded] = useState<LoadedPayload | null>(null);
  useEffect(() => {
    setLoaded(null);
    if (!row || (row.k !== 'msg' && row.k !== 'send-fail')) return;
    const preview: Body = row.binary ? { base64: row.preview ?? '' } : { text: row.preview ?? '' };
    if (row.complete) {
      setLoaded({ row, body: preview, state: 'whole' });
      return;
    }
    let live = true;
    setLoaded({ row, body: preview, state: 'loading' });
    fetchPayload(row.frame, row.seq).then(
      (full) => {
        if (!live) return;
        if ('missing' in full) setLoaded({ row, body: preview, state: 'missing', reason: full.missing });
        else setLoaded({ row, body: full, state: 'kept' });
      },
      (error: unknown) => {
        if (live) setLoaded({ row, body: preview, state: 'missing', reason: String(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [row]);
  // Until the effect runs for a newly selected row, the state still holds the previous row's body.
  return loaded?.row === row ? loaded : null;
}
