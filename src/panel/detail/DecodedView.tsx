/**
 * The Decoded tab: the message as its connection's protocol reads it, as a tree, with the protocol and
 * how it was chosen, and "Decode as" to change it. A frame the protocol cannot read says why; its raw
 * views stay one tab away.
 */
import { useMemo } from 'preact/hooks';
import { decodeFrame } from '../decode/detect';
import { frameOfBody } from '../decode/frame-of-row';
import { decoderFor } from '../decode/registry';
import { toTree } from '../decode/to-tree';
import type { DecodeResult } from '../decode/types';
import { originSettings, protocolOf, settingsFor, socketPlace } from '../state/decoding';
import type { Connection, Row } from '../state/model';
import { protobufChoiceFor, protobufSettings } from '../state/protobuf-choices';
import { withAttachments } from './attachments';
import { DecodeAsPicker } from './DecodeAsPicker';
import { NO_TREE_MATCHES } from './find/json-find';
import { JsonTree } from './JsonTree';
import { ProtobufPicker } from './ProtobufPicker';
import type { Body } from './usePayload';

interface DecodedViewProps {
  row: Row & { k: 'msg' };
  body: Body;
  incomplete: boolean;
  connection: Connection;
  rows: readonly Row[];
}

function treeBody(result: DecodeResult & { ok: true }): unknown {
  const bodies = result.messages.map((message) => ({ summary: message.summary, ...fieldsOf(message.fields), body: message.body }));
  return bodies.length === 1 ? bodies[0] : bodies;
}

const fieldsOf = (fields: object) => (Object.keys(fields).length > 0 ? { fields } : {});

export function DecodedView({ row, body, incomplete, connection, rows }: DecodedViewProps) {
  originSettings.value; // a choice made here re-renders the tab
  const { protocol, by } = protocolOf(connection);
  const settings = settingsFor(socketPlace(connection.url).origin);
  protobufSettings.value; // a type picked here decodes again
  const choice = protocol === 'protobuf' ? protobufChoiceFor(connection.key, row.dir) : undefined;
  const result = useMemo(
    () =>
      withAttachments(
        decodeFrame(protocol, frameOfBody(row.dir ?? 'send', body, !incomplete), { idPaths: settings.idPaths, protobuf: choice }),
        row,
        rows,
      ),
    [protocol, body, incomplete, settings, row, rows, choice],
  );
  const tree = useMemo(() => (result.ok && result.messages.length > 0 ? toTree(treeBody(result)) : null), [result]);
  const label = decoderFor(protocol).label;
  return (
    <div class="decoded-view">
      <DecodeAsPicker connection={connection} protocol={protocol} by={by} />
      {protocol === 'protobuf' ? <ProtobufPicker connection={connection} /> : null}
      {!result.ok ? (
        <p class="json-error" role="status">
          not valid {label}: {result.error}
        </p>
      ) : null}
      {result.ok && result.partial ? <p class="note">Decoded from the start of the message only.</p> : null}
      {result.ok && result.messages.length === 0 && protocol === 'raw' ? (
        <p class="note">No protocol decodes this connection. Choose one in "Decode as".</p>
      ) : null}
      {tree ? (
        <JsonTree
          key={`${row.frame}:${row.seq}:${protocol}`}
          root={tree.root}
          label="Decoded tree"
          query=""
          matches={NO_TREE_MATCHES}
          current={-1}
        />
      ) : null}
      {tree && tree.omitted > 0 ? (
        <p class="note">The tree stops at 50,000 values: {tree.omitted.toLocaleString('en-US')} more entries are not shown.</p>
      ) : null}
    </div>
  );
}
