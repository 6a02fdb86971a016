/** The JSON view: the tree when the payload parses, otherwise where and why parsing stopped. */

import type { TreeMatches } from './find/json-find';
import { JsonTree } from './JsonTree';
import type { JsonError, ParseResult } from './json/parse';

const CONTEXT_CHARS = 60;

export function describeJsonError(error: JsonError): string {
  return `${error.message} at position ${error.offset} (line ${error.line}, column ${error.column})`;
}

/** The text around the error, with the offending character marked (text nodes only). */
function ErrorExcerpt({ text, offset }: { text: string; offset: number }) {
  const start = Math.max(0, offset - CONTEXT_CHARS);
  const before = text.slice(start, offset);
  const at = text.slice(offset, offset + 1);
  const after = text.slice(offset + 1, offset + 1 + CONTEXT_CHARS);
  return (
    <pre class="payload-text json-excerpt">
      {start > 0 ? '…' : ''}
      {before}
      <mark>{at || '␄'}</mark>
      {after}
      {offset + 1 + CONTEXT_CHARS < text.length ? '…' : ''}
    </pre>
  );
}

interface JsonViewProps {
  json: ParseResult;
  text: string;
  incomplete: boolean;
  query: string;
  matches: TreeMatches;
  current: number;
}

export function JsonView({ json, text, incomplete, query, matches, current }: JsonViewProps) {
  if (json.ok) return <JsonTree key={text} root={json.root} label="JSON tree" query={query} matches={matches} current={current} />;
  return (
    <div class="json-invalid">
      <p class="json-error">Invalid JSON: {describeJsonError(json.error)}</p>
      {incomplete ? <p class="note">Only part of the payload is shown here, so its JSON may simply be cut off.</p> : null}
      <ErrorExcerpt text={text} offset={json.error.offset} />
    </div>
  );
}
