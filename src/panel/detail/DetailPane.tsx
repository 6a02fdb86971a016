/** The detail pane for the selected row: its facts, and its payload (fetched whole on demand). */
import type { PayloadBody } from '../../shared/protocol';
import { describeCloseCode, formatBytes, formatTime } from '../format/format';
import { ruleReference } from '../message-rules/rule-ref';
import { messageRules } from '../message-rules/state';
import { decodedRow, protocolOf } from '../state/decoding';
import type { Row } from '../state/model';
import { capture, selectedRow } from '../state/store';
import { DecodedView } from './DecodedView';
import { PairFacts } from './PairFacts';
import { PayloadNotes } from './PayloadNotes';
import { PayloadView } from './PayloadView';
import { bodyByteLength } from './payload';
import { ResentFacts } from './ResentFacts';
import { RuleEffectFacts } from './RuleEffectFacts';
import { usePayload } from './usePayload';

export interface DetailProps {
  fetchPayload(frame: string, seq: number): Promise<PayloadBody>;
}

export function DetailPane({ fetchPayload }: DetailProps) {
  const row = selectedRow.value;
  const loaded = usePayload(row, fetchPayload);
  if (!row) return <div class="detail empty">Select a message to see its details.</div>;
  const connection = capture.value.connections.get(`${row.frame}:${row.conn}`);
  const facts: [string, string][] = [
    ['Time', `${formatTime(row.t)} (${new Date(row.t).toISOString()})`],
    ['Connection', connection ? `#${connection.ordinal} ${connection.url}${connection.api === 'stream' ? ' (stream)' : ''}` : ''],
    [
      'Event',
      row.k === 'msg'
        ? row.dir === 'send'
          ? 'sent'
          : 'received'
        : row.k === 'held'
          ? `held (${row.dir === 'send' ? 'sent' : 'received'})`
          : row.k,
    ],
  ];
  if (row.k === 'held' || row.k === 'rule-error')
    facts.push(['Rule', row.ruleId === undefined ? '' : ruleReference(messageRules.value, row.ruleId)]);
  if (row.k === 'rule-error') facts.push(['Error', row.error ?? '']);
  if (row.k === 'msg' && row.from) facts.push(['Resent', `from event ${row.from.seq} of this document`]);
  if (row.k === 'msg' || row.k === 'send-fail' || row.k === 'held') {
    facts.push(['Size', `${formatBytes(row.size ?? 0)} (${row.size} bytes, ${row.binary ? 'binary' : 'text'})`]);
    if (row.hash) facts.push(['Hash', `${row.hash} (FNV-1a of the whole payload; only its first part was kept)`]);
    if (row.k === 'send-fail') facts.push(['Failed', row.error ?? '']);
    if (row.k === 'msg' && row.injected) facts.push(['Injected', 'by SocketScope']);
  }
  if (row.k === 'close' || row.k === 'close-call') {
    if (row.code !== undefined) facts.push(['Code', describeCloseCode(row.code)]);
    facts.push(['Reason', row.reason ?? '']);
    if (row.k === 'close') facts.push(['Clean', row.wasClean ? 'yes' : 'no']);
    if (row.k === 'close-call' && row.via)
      facts.push([
        'Ended by',
        `the page's ${row.via === 'cancel' ? 'readable.cancel()' : row.via === 'abort' ? 'writable.abort()' : 'writable.close()'}`,
      ]);
    if (row.error) facts.push(['Error', row.error]);
  }
  if (row.k === 'error' && row.error) facts.push(['Error', row.error]);
  if (row.k === 'create') {
    facts.push(['Type', row.api === 'stream' ? 'WebSocketStream' : 'WebSocket']);
    facts.push(['URL', row.url ?? ''], ['Protocols', (row.protocols ?? []).join(', ')], ['Frame', row.frameUrl ?? '']);
    if (row.stack) facts.push(['Created at', row.stack]);
  }
  const payloadRow = row.k === 'msg' || row.k === 'send-fail' || row.k === 'held' ? row : null;
  const messageRow = row.k === 'msg' ? (row as Row & { k: 'msg' }) : null;
  const incomplete = loaded && payloadRow ? bodyByteLength(loaded.body) < (payloadRow.size ?? 0) : false;
  const protocol = messageRow && connection ? protocolOf(connection).protocol : null;
  if (row.k === 'gap') facts.push(['Missing', `${row.gap} event(s) never reached the panel`]);
  return (
    <section class="detail" aria-label="Message details" tabIndex={-1}>
      <dl class="facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {messageRow ? <PairFacts row={messageRow} capture={capture.value} fetchPayload={fetchPayload} /> : null}
      {messageRow ? <RuleEffectFacts row={messageRow} /> : null}
      {messageRow?.from ? <ResentFacts row={messageRow} from={messageRow.from} capture={capture.value} /> : null}
      {loaded && payloadRow ? <PayloadNotes loaded={loaded} size={payloadRow.size ?? 0} hash={payloadRow.hash} /> : null}
      {loaded && payloadRow ? (
        <PayloadView
          key={`${row.frame}:${row.seq}`}
          body={loaded.body}
          incomplete={incomplete}
          decoded={
            messageRow && connection ? (
              <DecodedView row={messageRow} body={loaded.body} incomplete={incomplete} connection={connection} rows={capture.value.rows} />
            ) : undefined
          }
          preferDecoded={
            // A frame its protocol cannot read opens on its raw views; the Decoded tab still says why.
            protocol !== null &&
            protocol !== 'raw' &&
            protocol !== 'json' &&
            messageRow !== null &&
            decodedRow(messageRow, capture.value.connections)?.ok === true
          }
        />
      ) : null}
    </section>
  );
}
