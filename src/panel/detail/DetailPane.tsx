/** The detail pane for the selected row: its facts, and its payload (fetched whole on demand). */
import { useEffect, useState } from 'preact/hooks';
import type { PayloadBody } from '../../shared/protocol';
import { describeCloseCode, formatBytes, formatTime } from '../format/format';
import type { Row } from '../state/model';
import { capture, selectedRow } from '../state/store';
import { PayloadView } from './PayloadView';

export interface DetailProps {
  fetchPayload(frame: string, seq: number): Promise<PayloadBody>;
}

/** The payload of a message row: its preview when that is whole, else the body fetched from the relay. */
function usePayload(row: Row | null, fetchPayload: DetailProps['fetchPayload']): PayloadBody | null {
  const [body, setBody] = useState<PayloadBody | null>(null);
  useEffect(() => {
    setBody(null);
    if (!row || (row.k !== 'msg' && row.k !== 'send-fail')) return;
    const preview: PayloadBody = row.binary ? { base64: row.preview ?? '' } : { text: row.preview ?? '' };
    if (row.complete) {
      setBody(preview);
      return;
    }
    let live = true;
    setBody(preview);
    fetchPayload(row.frame, row.seq).then((full) => {
      if (live && !('missing' in full)) setBody(full);
    });
    return () => {
      live = false;
    };
  }, [row]);
  return body;
}

export function DetailPane({ fetchPayload }: DetailProps) {
  const row = selectedRow.value;
  const body = usePayload(row, fetchPayload);
  if (!row) return <div class="detail empty">Select a message to see its details.</div>;
  const connection = capture.value.connections.get(`${row.frame}:${row.conn}`);
  const facts: [string, string][] = [
    ['Time', `${formatTime(row.t)} (${new Date(row.t).toISOString()})`],
    ['Connection', connection ? `#${connection.ordinal} ${connection.url}` : ''],
    ['Event', row.k === 'msg' ? (row.dir === 'send' ? 'sent' : 'received') : row.k],
  ];
  if (row.k === 'msg' || row.k === 'send-fail') {
    facts.push(['Size', `${formatBytes(row.size ?? 0)} (${row.size} bytes, ${row.binary ? 'binary' : 'text'})`]);
    if (row.hash) facts.push(['Trimmed at capture', `only the first part was kept; FNV-1a hash of the whole: ${row.hash}`]);
    if (row.k === 'send-fail') facts.push(['Failed', row.error ?? '']);
    if (row.k === 'msg' && row.injected) facts.push(['Injected', 'by SocketScope']);
  }
  if (row.k === 'close' || row.k === 'close-call') {
    if (row.code !== undefined) facts.push(['Code', describeCloseCode(row.code)]);
    facts.push(['Reason', row.reason ?? '']);
    if (row.k === 'close') facts.push(['Clean', row.wasClean ? 'yes' : 'no']);
    if (row.error) facts.push(['Error', row.error]);
  }
  if (row.k === 'create') {
    facts.push(['URL', row.url ?? ''], ['Protocols', (row.protocols ?? []).join(', ')], ['Frame', row.frameUrl ?? '']);
    if (row.stack) facts.push(['Created at', row.stack]);
  }
  if (row.k === 'gap') facts.push(['Missing', `${row.gap} event(s) never reached the panel`]);
  const partial = (row.k === 'msg' || row.k === 'send-fail') && !row.complete && body && row.preview !== undefined;
  return (
    <section class="detail" aria-label="Message details">
      <dl class="facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {body ? (
        <PayloadView
          body={body}
          partial={Boolean(partial && (('text' in body && body.text === row.preview) || ('base64' in body && body.base64 === row.preview)))}
        />
      ) : null}
    </section>
  );
}
