/**
 * Re-indents JSON text token by token. JSON.stringify(JSON.parse(x)) would change what is sent:
 * large integers lose precision, 1.0 becomes 1, duplicate keys vanish. Here every literal is kept
 * verbatim and only whitespace between tokens changes.
 */

/** The text re-indented with two spaces, or null when it is not valid JSON. */
export function prettyJson(text: string): string | null {
  try {
    JSON.parse(text);
  } catch {
    return null;
  }
  const out: string[] = [];
  let depth = 0;
  const newline = () => `\n${'  '.repeat(depth)}`;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      const start = i;
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out.push(text.slice(start, i + 1));
    } else if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      const next = nextToken(text, i + 1);
      if (text[next] === close) {
        // An empty object or array stays on one line.
        out.push(ch + close);
        i = next;
      } else {
        depth++;
        out.push(ch + newline());
      }
    } else if (ch === '}' || ch === ']') {
      depth--;
      out.push(newline() + ch);
    } else if (ch === ',') out.push(`,${newline()}`);
    else if (ch === ':') out.push(': ');
    else if (ch !== ' ' && ch !== '\t' && ch !== '\n' && ch !== '\r') out.push(ch);
  }
  return out.join('');
}

function nextToken(text: string, from: number): number {
  let i = from;
  while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  return i;
}
