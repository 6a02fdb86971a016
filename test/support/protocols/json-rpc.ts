/**
 * A JSON-RPC 2.0 server over WebSocket at /jsonrpc (https://www.jsonrpc.org/specification): methods `add`
 * (positional params) and `subtract` (named params), the notification `log`, error -32601 for an unknown
 * method, -32600 for an invalid request, -32700 for a parse error, and batches (an array answered by an array
 * of the responses, nothing when it held only notifications).
 */
import { WebSocketServer } from 'ws';
import type { RouteServer } from '../route-server';
import { type ProtocolFixture, servePage } from './fixture';

type Id = string | number | null;
interface Request {
  jsonrpc: '2.0';
  method: string;
  params?: unknown[] | Record<string, unknown>;
  id?: Id;
}
type Response = { jsonrpc: '2.0'; id: Id; result: unknown } | { jsonrpc: '2.0'; id: Id; error: { code: number; message: string } };

export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;
export const METHOD_NOT_FOUND = -32601;
export const INVALID_PARAMS = -32602;

const failure = (id: Id, code: number, message: string): Response => ({ jsonrpc: '2.0', id, error: { code, message } });

const METHODS: Record<string, (params: Request['params']) => unknown> = {
  add: (params) => {
    if (!Array.isArray(params)) throw new RangeError('add takes [a, b]');
    return (params[0] as number) + (params[1] as number);
  },
  subtract: (params) => {
    const { minuend, subtrahend } = (params ?? {}) as { minuend?: number; subtrahend?: number };
    if (typeof minuend !== 'number' || typeof subtrahend !== 'number') throw new RangeError('subtract takes {minuend, subtrahend}');
    return minuend - subtrahend;
  },
  log: () => null,
};

const isRequest = (value: unknown): value is Request => {
  const r = value as Request;
  return (
    typeof r === 'object' &&
    r !== null &&
    !Array.isArray(r) &&
    r.jsonrpc === '2.0' &&
    typeof r.method === 'string' &&
    (r.params === undefined || typeof r.params === 'object') &&
    (r.id === undefined || r.id === null || typeof r.id === 'string' || typeof r.id === 'number')
  );
};

/** The response to one request, or null for a notification (a request without an id). */
function respond(value: unknown): Response | null {
  if (!isRequest(value)) return failure(null, INVALID_REQUEST, 'Invalid Request');
  const { method, params, id } = value;
  const notification = id === undefined;
  const run = Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
  if (!run) return notification ? null : failure(id, METHOD_NOT_FOUND, 'Method not found');
  try {
    const result = run(params);
    return notification ? null : { jsonrpc: '2.0', id, result };
  } catch (error) {
    return notification ? null : failure(id, INVALID_PARAMS, (error as Error).message);
  }
}

/** The answer to one WebSocket message (a request or a batch), or null when there is nothing to send. */
export function answerJsonRpc(text: string): Response | Response[] | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return failure(null, PARSE_ERROR, 'Parse error');
  }
  if (!Array.isArray(value)) return respond(value);
  if (value.length === 0) return failure(null, INVALID_REQUEST, 'Invalid Request');
  const responses = value.map(respond).filter((r): r is Response => r !== null);
  return responses.length ? responses : null;
}

export function attachJsonRpc(server: RouteServer): ProtocolFixture<unknown> {
  const received: unknown[] = [];
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  wss.on('connection', (ws) => {
    ws.on('message', (data) => {
      const text = data.toString();
      received.push(safeParse(text));
      const answer = answerJsonRpc(text);
      if (answer !== null) ws.send(JSON.stringify(answer));
    });
  });
  const url = server.ws('/jsonrpc', wss);
  const page = servePage(server, 'json-rpc', {}, { url });
  return { page, url, received, close: async () => wss.close() };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
