/**
 * What each row action does. Payloads are fetched whole on demand (as the detail pane and export do);
 * sends go through the Actions' own delivery, so they are validated and logged the same way.
 */
import { bytesToHex } from '../../shared/codec';
import type { PanelCommand, ToRelay } from '../../shared/protocol';
import { composerFocusRequested, draft, pickedConnection } from '../actions/action-state';
import { deliver } from '../actions/deliver';
import { drawerOpen } from '../actions/drawer-open';
import { unavailableReason } from '../actions/target';
import { gatherReplaySource } from '../copy-as-code/gather';
import { nodeScript } from '../copy-as-code/node-ws';
import { planReplay } from '../copy-as-code/replay-plan';
import { websocatCommand } from '../copy-as-code/websocat';
import { copyText } from '../detail/clipboard';
import { type CopyFormat, copyChoices } from '../detail/copy-formats';
import { describePayload } from '../detail/payload';
import { collectPayloads } from '../export/collect';
import type { ExportPayload, FetchPayload } from '../export/types';
import { hideConnection, onlyConnection } from '../state/filter';
import type { ConnectionKey, Row } from '../state/model';
import { capture, filter } from '../state/store';
import type { RowActionId } from './menu-items';
import { showRowActionStatus } from './menu-state';

export interface RowActionDeps {
  fetchPayload: FetchPayload;
  /** Posts to the inspected tab's relays (the bridge's send). */
  send(message: ToRelay): void;
}

async function wholePayload(row: Row, fetchPayload: FetchPayload): Promise<ExportPayload> {
  const [item] = await collectPayloads([row], { fetchPayload });
  return item.payload ?? { data: '', encoding: 'text', trimmed: false };
}

const bodyOf = (payload: ExportPayload) => (payload.encoding === 'text' ? { text: payload.data } : { base64: payload.data });

const FORMAT_NAMES: Record<CopyFormat, string> = { text: 'text', json: 'JSON', base64: 'base64', hex: 'hex' };

async function copyPayload(row: Row, format: CopyFormat, deps: RowActionDeps): Promise<string> {
  const payload = await wholePayload(row, deps.fetchPayload);
  const choice = copyChoices(describePayload(bodyOf(payload))).find((c) => c.format === format);
  if (!choice) return format === 'json' ? 'Not copied: this payload is not valid JSON.' : 'Not copied: this payload is not UTF-8 text.';
  const ok = await copyText(choice.make());
  if (!ok) return 'Copy failed: the clipboard refused it.';
  return payload.trimmed
    ? `Copied as ${FORMAT_NAMES[format]}: only the first part of this message was captured.`
    : `Copied as ${FORMAT_NAMES[format]}.`;
}

const connectionOf = (row: Row) => capture.value.connections.get(`${row.frame}:${row.conn}`);

/** Sends a sent message again, on its own connection or on `target`; the new row links back to this one. */
async function sendAgain(row: Row, deps: RowActionDeps, target?: ConnectionKey): Promise<string> {
  const connection = target ? capture.value.connections.get(target) : connectionOf(row);
  const unavailable = unavailableReason(capture.value, connection);
  if (unavailable || !connection) return unavailable ?? 'That connection is gone.';
  const payload = await wholePayload(row, deps.fetchPayload);
  if (payload.trimmed) return 'Not sent: only the first part of this message was captured.';
  const post = (command: PanelCommand) => deps.send({ type: 'command', frame: connection.frame, command });
  const from = { frame: row.frame, seq: row.seq };
  const result = deliver(post, connection.conn, 'send', payload.data, payload.encoding === 'text' ? 'text' : 'base64', from);
  return result.ok ? `${result.status} on #${connection.ordinal}.` : result.error;
}

async function editAndSend(row: Row, deps: RowActionDeps): Promise<string> {
  const connection = connectionOf(row);
  const payload = await wholePayload(row, deps.fetchPayload);
  const from = { frame: row.frame, seq: row.seq };
  draft.value =
    payload.encoding === 'text'
      ? { text: payload.data, format: 'text', from }
      : { text: bytesToHex(describePayload(bodyOf(payload)).bytes()), format: 'hex', from };
  // The drawer acts on the toolbar's connection when it names one, else on its own pick.
  if (connection) {
    if (filter.value.connection === 'all') pickedConnection.value = connection.key;
    else filter.value = onlyConnection(filter.value, connection.key);
  }
  // The drawer opens (for this session only: the user's stored choice stays theirs) and its editor takes focus.
  drawerOpen.value = true;
  composerFocusRequested.value = true;
  return payload.trimmed ? 'In the editor: only the first part of this message was captured.' : 'In the editor: edit it, then send.';
}

async function copyConnection(row: Row, as: 'node' | 'websocat', deps: RowActionDeps): Promise<string> {
  const connection = connectionOf(row);
  if (!connection) return 'This row has no connection.';
  const plan = planReplay(await gatherReplaySource(capture.value, connection, deps.fetchPayload));
  const ok = await copyText(as === 'node' ? nodeScript(plan) : websocatCommand(plan));
  if (!ok) return 'Copy failed: the clipboard refused it.';
  const left = plan.partial + plan.overBudget;
  const what = as === 'node' ? 'Node script' : 'websocat command';
  return `Copied connection #${connection.ordinal} as a ${what} (${plan.messages.length} messages${left ? `, ${left} left out` : ''}).`;
}

/** Runs the action and returns what to tell the user. */
function runAction(id: RowActionId, row: Row, deps: RowActionDeps, target?: ConnectionKey): Promise<string> | string {
  const key = `${row.frame}:${row.conn}`;
  switch (id) {
    case 'copy-text':
      return copyPayload(row, 'text', deps);
    case 'copy-json':
      return copyPayload(row, 'json', deps);
    case 'copy-base64':
      return copyPayload(row, 'base64', deps);
    case 'copy-hex':
      return copyPayload(row, 'hex', deps);
    case 'send-again':
      return sendAgain(row, deps);
    case 'send-again-on':
      return sendAgain(row, deps, target);
    case 'edit-and-send':
      return editAndSend(row, deps);
    case 'only-connection':
      filter.value = onlyConnection(filter.value, key);
      return `Showing only connection #${connectionOf(row)?.ordinal}.`;
    case 'hide-connection':
      filter.value = hideConnection(filter.value, key);
      return `Connection #${connectionOf(row)?.ordinal} hidden.`;
    case 'copy-node':
      return copyConnection(row, 'node', deps);
    case 'copy-websocat':
      return copyConnection(row, 'websocat', deps);
  }
}

/** `target`: the connection of a "Send again on #n" item. */
export async function runRowAction(id: RowActionId, row: Row, deps: RowActionDeps, target?: ConnectionKey): Promise<void> {
  try {
    showRowActionStatus(await runAction(id, row, deps, target));
  } catch (error) {
    showRowActionStatus(`Failed: ${(error as Error).message}`);
  }
}
