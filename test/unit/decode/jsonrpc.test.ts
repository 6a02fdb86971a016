import { describe, expect, it } from 'vitest';
import { jsonrpc } from '../../../src/panel/decode/protocols/jsonrpc';
import { errorOf, messagesOf, only, preview, received, sent, summaries, timed } from './decode-helpers';

describe('jsonrpc: messages', () => {
  it('pairs a call sent with the result received', () => {
    const call = only(jsonrpc, sent('{"jsonrpc":"2.0","method":"getUser","params":{"id":42},"id":5}'));
    expect(call.summary).toBe('call getUser #5');
    expect(call.fields).toEqual({ type: 'request', method: 'getUser', id: '5' });
    expect(call.pair).toEqual({ key: 'rpc:send:5', role: 'request', name: 'getUser' });
    const result = only(jsonrpc, received('{"jsonrpc":"2.0","result":{"name":"Ada"},"id":5}'));
    expect(result.summary).toBe('result #5');
    expect(result.fields).toEqual({ type: 'result', id: '5' });
    expect(result.pair).toEqual({ key: 'rpc:send:5', role: 'response' });
    expect(result.body).toEqual({ jsonrpc: '2.0', result: { name: 'Ada' }, id: 5 });
  });

  it('reads an error answer with its code and message', () => {
    const error = only(jsonrpc, received('{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found"},"id":"a1"}'));
    expect(error.summary).toBe('error #a1 -32601 Method not found');
    expect(error.pair).toEqual({ key: 'rpc:send:a1', role: 'response', error: true });
    // A parse error has a null id: nothing to pair.
    expect(only(jsonrpc, received('{"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error"},"id":null}'))).toMatchObject({
      summary: 'error -32700 Parse error',
    });
  });

  it('reads notifications (no id) without a pair, both ways', () => {
    const notify = only(jsonrpc, received('{"jsonrpc":"2.0","method":"update","params":[1,2]}'));
    expect(notify.summary).toBe('notify update');
    expect(notify.fields).toEqual({ type: 'notification', method: 'update' });
    expect(notify.pair).toBeUndefined();
  });

  it('keys calls by who made them: a server calling the client is answered by the client', () => {
    expect(only(jsonrpc, received('{"jsonrpc":"2.0","method":"window/showMessage","id":1}')).pair?.key).toBe('rpc:recv:1');
    expect(only(jsonrpc, sent('{"jsonrpc":"2.0","result":null,"id":1}')).pair?.key).toBe('rpc:recv:1');
  });

  it('gives each member of a batch its own message', () => {
    expect(
      summaries(
        jsonrpc,
        sent('[{"jsonrpc":"2.0","method":"sum","params":[1,2],"id":"1"},{"jsonrpc":"2.0","method":"notify_hello","params":[7]}]'),
      ),
    ).toEqual(['call sum #1', 'notify notify_hello']);
    expect(
      summaries(
        jsonrpc,
        received('[{"jsonrpc":"2.0","result":3,"id":"1"},{"jsonrpc":"2.0","error":{"code":-32600,"message":"Invalid Request"},"id":null}]'),
      ),
    ).toEqual(['result #1', 'error -32600 Invalid Request']);
  });
});

describe('jsonrpc: previews', () => {
  it('reads the method and id of a long call', () => {
    const result = jsonrpc.decode(preview('send', `{"jsonrpc":"2.0","method":"upload","id":77,"params":["${'p'.repeat(4000)}"]}`), {});
    expect(result).toMatchObject({ ok: true, partial: true });
    expect(result.ok && result.messages[0].pair).toEqual({ key: 'rpc:send:77', role: 'request', name: 'upload' });
  });

  it('reads the id of a long result', () => {
    const result = jsonrpc.decode(preview('recv', `{"jsonrpc":"2.0","id":"r9","result":["${'r'.repeat(4000)}"]}`), {});
    expect(result.ok && result.messages[0]).toMatchObject({ summary: 'result #r9', pair: { key: 'rpc:send:r9', role: 'response' } });
  });
});

describe('jsonrpc: malformed messages', () => {
  it.each([
    ['{"jsonrpc":"1.0","method":"x","id":1}', /jsonrpc must be "2.0"/],
    ['{"method":"x","id":1}', /jsonrpc must be "2.0"/],
    ['{"jsonrpc":"2.0","id":1}', /needs a method, a result or an error/],
    ['{"jsonrpc":"2.0","method":5,"id":1}', /method must be a string/],
    ['{"jsonrpc":"2.0","method":"x","id":{"a":1}}', /id must be a string or a number/],
    ['{"jsonrpc":"2.0","error":"oops","id":1}', /error must be an object/],
    ['[]', /an empty batch/],
    ['[{"jsonrpc":"2.0","result":1,"id":1},42]', /batch item 2: a message must be a JSON object/],
    ['{"jsonrpc":"2.0",', /invalid JSON/],
  ])('rejects %j', (text, error) => {
    expect(errorOf(jsonrpc, received(text))).toMatch(error);
  });

  it('caps a batch of 100,000 calls at 1,000 messages', () => {
    const batch = `[${Array.from({ length: 100_000 }, (_, i) => `{"jsonrpc":"2.0","method":"m","id":${i}}`).join(',')}]`;
    const { value, ms } = timed(() => messagesOf(jsonrpc, sent(batch)));
    expect(value).toHaveLength(1001);
    expect(value[1000].summary).toBe('… 99000 more not decoded');
    expect(ms).toBeLessThan(2000);
  });
});

describe('jsonrpc: detection hints', () => {
  it('sniffs "jsonrpc":"2.0" objects and batches only', () => {
    expect(jsonrpc.sniff?.(sent('{"jsonrpc":"2.0","method":"x"}'))).toBe(true);
    expect(jsonrpc.sniff?.(sent('[{"jsonrpc": "2.0","method":"x","id":1}]'))).toBe(true);
    expect(jsonrpc.sniff?.(sent('{"method":"x","id":1}'))).toBe(false);
    expect(jsonrpc.sniff?.(sent('say "jsonrpc":"2.0"'))).toBe(false);
  });
});
