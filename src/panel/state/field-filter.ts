/**
 * Filter terms on decoded fields, typed into the filter box: `event:chat`, `topic:sensors/*`,
 * `method:getUser`, `id:12`. A term matches a field exactly (ignoring case); `*` matches any run of
 * characters. The rest of the text filters previews as before. Only outside regex mode, where a colon
 * is ordinary text of the pattern.
 */
import type { DecodedFields, DecodedMessage } from '../decode/types';

/** Names accepted before the colon, and the decoded field each reads. */
const FIELD_NAMES: Record<string, keyof DecodedFields> = {
  type: 'type',
  event: 'event',
  topic: 'topic',
  dest: 'destination',
  destination: 'destination',
  op: 'operation',
  operation: 'operation',
  method: 'method',
  id: 'id',
  ns: 'namespace',
  namespace: 'namespace',
};

export interface FieldTerm {
  field: keyof DecodedFields;
  test: (value: string) => boolean;
}

export interface SplitText {
  terms: FieldTerm[];
  /** The text left for the preview filter. */
  rest: string;
}

function globTest(pattern: string): (value: string) => boolean {
  const lower = pattern.toLowerCase();
  if (!lower.includes('*')) return (value) => value.toLowerCase() === lower;
  const source = lower
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const re = new RegExp(`^${source}$`, 's');
  return (value) => re.test(value.toLowerCase());
}

export function splitFieldTerms(text: string, regex: boolean): SplitText {
  if (regex) return { terms: [], rest: text };
  const terms: FieldTerm[] = [];
  const rest: string[] = [];
  for (const token of text.split(/\s+/)) {
    const colon = token.indexOf(':');
    const field = colon > 0 ? FIELD_NAMES[token.slice(0, colon).toLowerCase()] : undefined;
    if (field && colon < token.length - 1) terms.push({ field, test: globTest(token.slice(colon + 1)) });
    else if (token) rest.push(token);
  }
  return terms.length === 0 ? { terms, rest: text } : { terms, rest: rest.join(' ') };
}

/** Whether one of the frame's messages has every term's field, matching. */
export function matchesFields(messages: readonly DecodedMessage[], terms: readonly FieldTerm[]): boolean {
  return messages.some((message) =>
    terms.every((term) => {
      const value = message.fields[term.field];
      return value !== undefined && term.test(value);
    }),
  );
}
