import { describe, expect, it } from 'vitest';
import { answerJsonRpc } from '../../support/protocols/json-rpc';

const call = (value: unknown) => answerJsonRpc(JSON.stringify(value));

describe('JSON-RPC 2.0 (the fixture server)', () => {
  it('answers calls with positional and named params', () => {
    expect(call({ jsonrpc: '2.0', method: 'add', params: [2, 3], id: 1 })).toEqual({ jsonrpc: '2.0', id: 1, result: 5 });
    expect(call({ jsonrpc: '2.0', method: 'subtract', params: { minuend: 42, subtrahend: 23 }, id: 'x' })).toEqual({
      jsonrpc: '2.0',
      id: 'x',
      result: 19,
    });
  });

  it('answers nothing to a notification, even of an unknown method', () => {
    expect(call({ jsonrpc: '2.0', method: 'log', params: ['hi'] })).toBeNull();
    expect(call({ jsonrpc: '2.0', method: 'nope' })).toBeNull();
  });

  it('uses the specification error codes', () => {
    const error = (value: unknown) => (value as { error: { code: number } }).error.code;
    expect(error(call({ jsonrpc: '2.0', method: 'nope', id: 2 }))).toBe(-32601);
    expect(error(call({ jsonrpc: '2.0', method: 'toString', id: 2 }))).toBe(-32601); // not an inherited property
    expect(error(call({ jsonrpc: '2.0', method: 'add', params: { a: 1 }, id: 3 }))).toBe(-32602);
    expect(error(call({ method: 'add', id: 4 }))).toBe(-32600); // no "jsonrpc": "2.0"
    expect(error(call([]))).toBe(-32600);
    expect(answerJsonRpc('{"jsonrpc": "2.0", "method"')).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700, message: 'Parse error' },
    });
  });

  it('answers a batch with an array of the calls’ responses, and nothing when it held only notifications', () => {
    expect(
      call([
        { jsonrpc: '2.0', method: 'add', params: [1, 2], id: 1 },
        { jsonrpc: '2.0', method: 'log' },
        1,
        { jsonrpc: '2.0', method: 'nope', id: 'b' },
      ]),
    ).toEqual([
      { jsonrpc: '2.0', id: 1, result: 3 },
      { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid Request' } },
      { jsonrpc: '2.0', id: 'b', error: { code: -32601, message: 'Method not found' } },
    ]);
    expect(call([{ jsonrpc: '2.0', method: 'log' }])).toBeNull();
  });
});
