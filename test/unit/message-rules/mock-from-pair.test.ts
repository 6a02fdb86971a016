import { describe, expect, it } from 'vitest';
import { DEFAULT_ID_PATHS } from '../../../src/panel/decode/protocols/json';
import { ruleFromDraft } from '../../../src/panel/message-rules/draft';
import { mockDraftFromPair, responseTemplate, sharedIdPath } from '../../../src/panel/message-rules/mock-from-pair';

const request = '{"type":"getUserData","requestId":"req-7"}';
const response = '{"type":"response","requestId":"req-7","data":{"name":"ada","rooms":["lobby"]}}';

describe('mock from a pair', () => {
  it('matches requests of the same type and answers with the response, its id a placeholder', () => {
    const draft = mockDraftFromPair({
      url: 'ws://127.0.0.1:8080/ws?token=secret',
      request,
      response,
      idPaths: DEFAULT_ID_PATHS,
      latencyMs: 12.4,
    });
    expect(draft).toMatchObject({
      id: null,
      url: '127.0.0.1:8080/ws',
      dir: 'send',
      match: 'json-equals',
      jsonPath: 'type',
      jsonValue: '"getUserData"',
      action: 'mock',
      template: '{"type":"response","requestId":{{requestId}},"data":{"name":"ada","rooms":["lobby"]}}',
      responseDelayMs: '12',
    });
    // The editor accepts it as it is.
    expect(ruleFromDraft(draft)).toMatchObject({ ok: true });
  });

  it('uses a nested id path the settings name, and JSON-RPC ids', () => {
    const req = { method: 'sum', meta: { id: 5 } };
    const res = { result: 3, meta: { id: 5 } };
    expect(sharedIdPath(req, res, ['meta.id'])).toBe('meta.id');
    expect(responseTemplate(JSON.stringify(res), 'meta.id')).toBe('{"result":3,"meta":{"id":{{meta.id}}}}');
    expect(sharedIdPath({ jsonrpc: '2.0', id: 9, method: 'x' }, { jsonrpc: '2.0', id: 9, result: 1 }, DEFAULT_ID_PATHS)).toBe('id');
    const rpc = mockDraftFromPair({
      url: 'wss://rpc.test/',
      request: '{"jsonrpc":"2.0","id":9,"method":"sum"}',
      response: '{"jsonrpc":"2.0","id":9,"result":1}',
      idPaths: [],
    });
    expect(rpc).toMatchObject({
      match: 'json-equals',
      jsonPath: 'method',
      jsonValue: '"sum"',
      template: '{"jsonrpc":"2.0","id":{{id}},"result":1}',
    });
  });

  it('keeps a response whose id differs, or that is not JSON, as it is', () => {
    expect(sharedIdPath({ requestId: 'a' }, { requestId: 'b' }, DEFAULT_ID_PATHS)).toBeNull();
    expect(responseTemplate('pong', null)).toBe('pong');
    const text = mockDraftFromPair({ url: 'wss://x.test/', request: 'PING now', response: 'PONG', idPaths: DEFAULT_ID_PATHS });
    expect(text).toMatchObject({ match: 'contains', matchText: 'PING now', template: 'PONG', responseDelayMs: '' });
  });
});
