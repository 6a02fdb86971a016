import { describe, expect, it } from 'vitest';
import { type JsonNode, parseJson } from '../../../src/panel/detail/json/parse';
import { prettyJson, printJson } from '../../../src/panel/detail/json/print';
import { initialExpansion, type TreeRow, valuePreview, visibleRows } from '../../../src/panel/detail/json/tree';

function root(text: string): JsonNode {
  const result = parseJson(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.root;
}

/** Rows as "indent label: preview" lines, which read like the rendered tree. */
const lines = (rows: TreeRow[]) =>
  rows.map(
    (r) =>
      `${'  '.repeat(r.level - 1)}${r.kind === 'error' ? r.error : `${r.label === null ? '' : `${r.label}: `}${valuePreview(r.node)}`}`,
  );

describe('visibleRows', () => {
  it('lists the root, and the children of expanded containers only', () => {
    const doc = root('{"user": {"id": 7, "tags": ["a"]}, "ok": true}');
    const { rows, truncated } = visibleRows(doc, initialExpansion(doc), 100);
    expect(lines(rows)).toEqual(['{…} 2 keys', '  user: {…} 2 keys', '    id: 7', '    tags: […] 1 item', '  ok: true']);
    expect(truncated).toBe(false);
    expect(rows.map((r) => [r.level, r.posinset, r.setsize, r.parent])).toEqual([
      [1, 1, 1, -1],
      [2, 1, 2, 0],
      [3, 1, 2, 1],
      [3, 2, 2, 1],
      [2, 2, 2, 0],
    ]);
    expect(rows[3]).toMatchObject({ expandable: true, expanded: false });
  });

  it('expands strings that hold JSON in place, and flags those that do not parse', () => {
    const doc = root('{"payload": "{\\"x\\": [1, 2]}", "bad": "[1,", "plain": "[not json"}');
    const [, payload, bad] = visibleRows(doc, new Set([doc]), 100).rows;
    expect(payload.nested && bad.nested).toBe(true);
    const { rows } = visibleRows(doc, new Set([doc, payload.node, bad.node]), 100);
    expect(lines(rows)).toEqual([
      '{…} 3 keys',
      '  payload: "{\\"x\\": [1, 2]}"',
      '    x: […] 2 items',
      '  bad: "[1,"',
      '    Not valid JSON: Unexpected end of input at position 3',
      '  plain: "[not json"',
    ]);
  });

  it('stops at the row limit and says so', () => {
    const doc = root(`[${Array.from({ length: 50 }, (_, i) => i).join(',')}]`);
    const { rows, truncated } = visibleRows(doc, new Set([doc]), 10);
    expect(rows).toHaveLength(10);
    expect(truncated).toBe(true);
  });

  it('walks a 100 000-deep document expanded all the way without recursion', () => {
    const depth = 100_000;
    const doc = root(`${'['.repeat(depth)}${']'.repeat(depth)}`);
    const all = new Set<JsonNode>();
    for (let n: JsonNode | undefined = doc; n && n.type === 'array'; n = n.children[0]) all.add(n);
    const { rows, truncated } = visibleRows(doc, all, depth + 10);
    // Lengths are compared as numbers: a failing matcher would try to print the deep tree.
    expect(rows.length).toBe(depth);
    expect(rows.at(-1)?.level).toBe(depth);
    expect(truncated).toBe(false);
    // By default only the root and its direct children are open: three rows.
    expect(visibleRows(doc, initialExpansion(doc), 2000).rows.length).toBe(3);
  });
});

describe('printJson', () => {
  it('pretty-prints with two spaces, keeping number tokens', () => {
    const doc = root('{"a":[1,{"b":null}],"big":123456789012345678901234567890,"e":{},"l":[]}');
    expect(printJson(doc)).toBe(
      [
        '{',
        '  "a": [',
        '    1,',
        '    {',
        '      "b": null',
        '    }',
        '  ],',
        '  "big": 123456789012345678901234567890,',
        '  "e": {},',
        '  "l": []',
        '}',
      ].join('\n'),
    );
  });

  it('escapes keys and strings again', () => {
    expect(printJson(root('{"q\\"k": "line\\nbreak"}'), '')).toBe('{"q\\"k":"line\\nbreak"}');
  });

  it('prints scalars', () => {
    expect(printJson(root(' -1.5e3 '))).toBe('-1.5e3');
  });

  it('returns null past its budget, and prettyJson then falls back to compact', () => {
    const depth = 100_000;
    const text = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const doc = root(text);
    expect(printJson(doc, '  ', 1000)).toBeNull();
    expect(prettyJson(doc, text.length)).toBe(text);
  });
});
