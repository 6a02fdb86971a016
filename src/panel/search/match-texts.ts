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

/** For each item, 1 when it matches. */
export function matchItems(test: (text: string) => boolean, items: readonly SearchItem[]): Uint8Array {
  const out = new Uint8Array(items.length);
  for (let i = 0; i < items.length; i++) out[i] = test(itemText(items[i])) ? 1 : 0;
  return out;
}
