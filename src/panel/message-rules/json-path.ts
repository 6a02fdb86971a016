/**
 * The JSON paths and response templates rules use, checked in the panel before a rule is sent: a path is
 * dotted names with [n] indexes (`data.items[0].id`, `[2].name`), as the page hook reads them; a template
 * holds `{{path}}` placeholders (`{{}}` is the whole request). Pure.
 */

/** A name between dots: anything but dots, brackets, braces and white space. */
const NAME = /^[^.[\]{}\s]+/;
const INDEX = /^\[(\d{1,9})\]/;

/** The path's steps (names and indexes), or the reason it is not a path. */
export function parseJsonPath(path: string): { ok: true; steps: (string | number)[] } | { ok: false; error: string } {
  if (path === '') return { ok: false, error: 'Enter a path, such as data.id or items[0].name.' };
  const steps: (string | number)[] = [];
  let rest = path;
  let first = true;
  while (rest !== '') {
    const index = INDEX.exec(rest);
    if (index) {
      steps.push(Number(index[1]));
      rest = rest.slice(index[0].length);
      first = false;
      continue;
    }
    if (!first) {
      if (!rest.startsWith('.'))
        return { ok: false, error: `Unexpected "${rest[0]}" in the path: use dots between names and [n] for indexes.` };
      rest = rest.slice(1);
    }
    const name = NAME.exec(rest);
    if (!name) return { ok: false, error: 'A name is missing in the path (two dots in a row, or a dot at an end).' };
    steps.push(name[0]);
    rest = rest.slice(name[0].length);
    first = false;
  }
  return { ok: true, steps };
}

export const jsonPathError = (path: string): string | null => {
  const parsed = parseJsonPath(path);
  return parsed.ok ? null : parsed.error;
};

/** The placeholders a template names (each path once, in order), or the reason it does not parse. */
export function parseTemplate(template: string): { ok: true; paths: string[] } | { ok: false; error: string } {
  const paths: string[] = [];
  let at = 0;
  for (;;) {
    const open = template.indexOf('{{', at);
    if (open < 0) break;
    const close = template.indexOf('}}', open + 2);
    if (close < 0) return { ok: false, error: `A "{{" at character ${open + 1} is never closed with "}}".` };
    const path = template.slice(open + 2, close).trim();
    if (path !== '') {
      const error = jsonPathError(path);
      if (error) return { ok: false, error: `Placeholder {{${path.slice(0, 40)}}}: ${error}` };
    }
    if (!paths.includes(path)) paths.push(path);
    at = close + 2;
  }
  return { ok: true, paths };
}
