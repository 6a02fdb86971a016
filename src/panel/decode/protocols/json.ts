/**
 * Plain JSON with no known protocol: the summary names the message by its `type`/`event`/`action`
 * field, and a user-set id path (by default the seed's `requestId`) pairs requests with responses.
 */
import type { DecodedFields, DecodedMessage, DecodeOptions, Decoder, Frame } from '../types';

export const DEFAULT_ID_PATHS: readonly string[] = ['requestId', 'request_id', 'reqId', 'correlationId'];
const NAME_KEYS = ['type', 'event', 'action', 'op', 'cmd'] as const;
const MAX_NAME = 120;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function at(value: unknown, path: string): unknown {
  let here = value;
  for (const part of path.split('.')) {
    if (!isRecord(here) || !Object.hasOwn(here, part)) return undefined;
    here = here[part];
  }
  return here;
}

const scalar = (value: unknown): string | undefined =>
  typeof value === 'string' ? value.slice(0, MAX_NAME) : typeof value === 'number' ? String(value) : undefined;

function describe(value: unknown, dir: Frame['dir'], idPaths: readonly string[]): DecodedMessage {
  const fields: DecodedFields = {};
  let name: string | undefined;
  if (isRecord(value)) {
    for (const key of NAME_KEYS) {
      name = scalar(value[key]);
      if (name !== undefined) break;
    }
    if (name !== undefined) fields.type = name;
  }
  let id: string | undefined;
  for (const path of idPaths) {
    id = scalar(at(value, path));
    if (id !== undefined) break;
  }
  if (id !== undefined) fields.id = id;
  // A message with neither name nor id gets no summary: its preview already says all there is.
  const summary = [name ?? '', id !== undefined ? `#${id}` : ''].filter(Boolean).join(' ');
  const message: DecodedMessage = { summary, fields, body: value };
  if (id !== undefined) message.pair = { key: `json:${id}`, role: dir === 'send' ? 'request' : 'response', name };
  return message;
}

/** The name and id a cut-off preview still shows, read with bounded patterns (never a parse of the prefix). */
function fromPrefix(text: string, dir: Frame['dir'], idPaths: readonly string[]): DecodedMessage | null {
  const head = text.slice(0, 4096);
  const value: Record<string, unknown> = {};
  for (const key of NAME_KEYS) {
    const found = new RegExp(`"${key}"\\s*:\\s*"([^"\\\\]{0,${MAX_NAME}})"`).exec(head);
    if (found) {
      value[key] = found[1];
      break;
    }
  }
  for (const path of idPaths) {
    const last = path.split('.').pop() ?? path;
    const found = new RegExp(`"${last.replace(/[^\w$-]/g, '')}"\\s*:\\s*("([^"\\\\]{0,${MAX_NAME}})"|-?\\d{1,20})`).exec(head);
    if (found) {
      value[last] = found[2] ?? Number(found[1]);
      return describe(value, dir, [last]);
    }
  }
  return Object.keys(value).length > 0 ? describe(value, dir, []) : null;
}

export const json: Decoder = {
  id: 'json',
  label: 'JSON',
  sniff: (frame) => frame.text !== undefined && /^\s*[[{]/.test(frame.text),
  decode(frame, options: DecodeOptions) {
    const idPaths = options.idPaths ?? DEFAULT_ID_PATHS;
    if (frame.text === undefined) return { ok: false, protocol: 'json', error: 'a binary frame, not JSON text' };
    try {
      return { ok: true, protocol: 'json', messages: [describe(JSON.parse(frame.text), frame.dir, idPaths)] };
    } catch (error) {
      if (!frame.complete) {
        const partial = fromPrefix(frame.text, frame.dir, idPaths);
        if (partial) return { ok: true, protocol: 'json', messages: [partial], partial: true };
      }
      return { ok: false, protocol: 'json', error: (error as Error).message };
    }
  },
};
