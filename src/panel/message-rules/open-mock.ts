/** "Create mock from this pair": reads both messages whole, then opens the Rules tab's editor on the draft (not saved). */
import type { PayloadBody } from '../../shared/protocol';
import { overviewTab } from '../overview-state';
import { settingsFor, socketPlace } from '../state/decoding';
import type { Connection, Row } from '../state/model';
import { mockDraftFromPair } from './mock-from-pair';
import { ruleEditor, rulesStatus } from './state';

type MessageRow = Row & { k: 'msg' };
type FetchPayload = (frame: string, seq: number) => Promise<PayloadBody>;

/** The message's text: fetched whole when the preview is only its start; the preview when that fails. */
async function textOf(row: MessageRow, fetchPayload: FetchPayload): Promise<string> {
  if (row.complete || row.binary) return row.preview ?? '';
  try {
    const body = await fetchPayload(row.frame, row.seq);
    return 'text' in body ? body.text : (row.preview ?? '');
  } catch {
    return row.preview ?? '';
  }
}

export async function openMockFromPair(
  request: MessageRow,
  response: MessageRow,
  connection: Pick<Connection, 'url'>,
  fetchPayload: FetchPayload,
): Promise<void> {
  const [requestText, responseText] = await Promise.all([textOf(request, fetchPayload), textOf(response, fetchPayload)]);
  const draft = mockDraftFromPair({
    url: connection.url,
    request: requestText,
    response: responseText,
    idPaths: settingsFor(socketPlace(connection.url).origin).idPaths,
    latencyMs: response.t - request.t,
  });
  overviewTab.value = 'rules';
  ruleEditor.value = draft;
  rulesStatus.value = 'Mock drafted from the pair: check it, then Save rule.';
}
