/**
 * JSON-RPC 2.0: requests `{jsonrpc:"2.0", method, params?, id}`, notifications (no id), responses with
 * `result` or `error: {code, message}`, and batches (an array of them, one decoded message each).
 */
import type { DecodedMessage, DecodeResult, Decoder, Frame } from '../types';
import {
  clip,
  failure,
  isRecord,
  MAX_MESSAGES,
  moreMessages,
  PREFIX_CHARS,
  parseJson,
  scalarText,
  success,
  withinCap,
} from './text-common';

const other = (dir: Frame['dir']) => (dir === 'send' ? 'recv' : 'send');

function describe(value: unknown, dir: Frame['dir']): DecodedMessage | string {
  if (!isRecord(value)) return 'a message must be a JSON object';
  if (value.jsonrpc !== '2.0') return 'jsonrpc must be "2.0"';
  const hasId = Object.hasOwn(value, 'id') && value.id !== null;
  const id = hasId ? scalarText(value.id) : undefined;
  if (hasId && id === undefined) return 'id must be a string or a number';
  const idText = id === undefined ? '' : ` #${id}`;
  if (typeof value.method === 'string') {
    const method = clip(value.method);
    if (id === undefined) return { summary: `notify ${method}`, fields: { type: 'notification', method }, body: value };
    return {
      summary: `call ${method}${idText}`,
      fields: { type: 'request', method, id },
      body: value,
      pair: { key: `rpc:${dir}:${id}`, role: 'request', name: method },
    };
  }
  if (Object.hasOwn(value, 'method')) return 'method must be a string';
  const isError = Object.hasOwn(value, 'error');
  if (!isError && !Object.hasOwn(value, 'result')) return 'a message needs a method, a result or an error';
  if (isError && !isRecord(value.error)) return 'error must be an object with a code and a message';
  const code = isError ? scalarText((value.error as Record<string, unknown>).code) : undefined;
  const text = isError ? scalarText((value.error as Record<string, unknown>).message) : undefined;
  const message: DecodedMessage = {
    summary: isError ? `error${idText} ${code ?? '?'}${text ? ` ${text}` : ''}` : `result${idText}`,
    fields: { type: isError ? 'error' : 'result' },
    body: value,
  };
  if (id !== undefined) {
    message.fields.id = id;
    // A response answers the request that went the other way.
    message.pair = { key: `rpc:${other(dir)}:${id}`, role: 'response', ...(isError ? { error: true } : {}) };
  }
  return message;
}

function decodeValue(value: unknown, dir: Frame['dir']): DecodeResult {
  if (!Array.isArray(value)) {
    const message = describe(value, dir);
    return typeof message === 'string' ? failure('jsonrpc', message) : success('jsonrpc', [message]);
  }
  if (value.length === 0) return failure('jsonrpc', 'an empty batch');
  const messages: DecodedMessage[] = [];
  for (let index = 0; index < Math.min(value.length, MAX_MESSAGES); index += 1) {
    const message = describe(value[index], dir);
    if (typeof message === 'string') return failure('jsonrpc', `batch item ${index + 1}: ${message}`);
    messages.push(message);
  }
  if (value.length > MAX_MESSAGES) messages.push(moreMessages(value.length - MAX_MESSAGES));
  return success('jsonrpc', messages);
}

/** The method and id of a cut-off request, or the id of a cut-off response, from bounded patterns. */
function fromPrefix(text: string, dir: Frame['dir']): DecodeResult {
  const head = text.slice(0, PREFIX_CHARS);
  if (!/^\s*\{/.test(head) || !/"jsonrpc"\s*:\s*"2\.0"/.test(head))
    return failure('jsonrpc', 'the preview does not show a JSON-RPC object');
  const value: Record<string, unknown> = { jsonrpc: '2.0' };
  const method = /"method"\s*:\s*"([^"\\]{1,120})"/.exec(head)?.[1];
  if (method !== undefined) value.method = method;
  const id = /"id"\s*:\s*(?:"([^"\\]{0,120})"|(-?\d{1,16})\s*[,}])/.exec(head);
  if (id) value.id = id[1] ?? Number(id[2]);
  if (method === undefined) {
    if (/"error"\s*:/.test(head)) value.error = {};
    else if (/"result"\s*:/.test(head)) value.result = null;
  }
  const message = describe(value, dir);
  if (typeof message === 'string') return failure('jsonrpc', `the preview does not show enough: ${message}`);
  return success('jsonrpc', [{ ...message, body: { ...value, preview: true } }], true);
}

export const jsonrpc: Decoder = {
  id: 'jsonrpc',
  label: 'JSON-RPC 2.0',
  sniff(frame) {
    const text = frame.text;
    return text !== undefined && /^\s*[[{]/.test(text) && /"jsonrpc"\s*:\s*"2\.0"/.test(text.slice(0, 1024));
  },
  decode(input) {
    const frame = withinCap(input);
    if (frame.text === undefined) return failure('jsonrpc', 'a binary frame; JSON-RPC is JSON text');
    if (!frame.complete) return fromPrefix(frame.text, frame.dir);
    const parsed = parseJson(frame.text);
    return parsed.ok ? decodeValue(parsed.value, frame.dir) : failure('jsonrpc', parsed.error);
  },
};
