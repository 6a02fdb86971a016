/**
 * The whole-payload search's matching, as pure functions: the search worker runs them, and the unit
 * tests call them directly. Matching ignores case, as the timeline's preview filter does.
 */
import { base64ToBytes } from '../../shared/codec';

export interface SearchQuery {
  text: string;
  regex: boolean;
}

/** One payload to test: text as it is, binary as base64 (searched as UTF-8 text, lossily decoded). */
export type SearchItem = { text: string } | { base64: string };

/**
 * Payloads as the worker receives them: plain strings (a structured clone copies an array of strings
 * much faster than an array of objects), with a flag per payload for base64.
 */
export interface SearchBatch {
  texts: string[];
  /** 1 where texts[i] is base64. */
  binary: Uint8Array;
}

export type CompiledQuery = { ok: true; test: (text: string) => boolean } | { ok: false; error: string };

export function compileQuery(query: SearchQuery): CompiledQuery {
  if (!query.regex) {
    const needle = query.text.toLowerCase();
    return { ok: true, test: (text) => text.toLowerCase().includes(needle) };
  }
  try {
    const re = new RegExp(query.text, 'i');
    return { ok: true, test: (text) => re.test(text) };
  } catch (error) {
    return { ok: false, error: `Invalid regular expression: ${(error as Error).message}` };
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

export function itemText(item: SearchItem): string {
  if ('text' in item) return item.text;
  const bytes = base64ToBytes(item.base64);
  return bytes ? utf8.decode(bytes) : '';
}

/** For each payload, 1 when it matches. */
export function matchBatch(test: (text: string) => boolean, batch: SearchBatch): Uint8Array {
  const { texts, binary } = batch;
  const out = new Uint8Array(texts.length);
  for (let i = 0; i < texts.length; i++) out[i] = test(binary[i] ? itemText({ base64: texts[i] }) : texts[i]) ? 1 : 0;
  return out;
}
