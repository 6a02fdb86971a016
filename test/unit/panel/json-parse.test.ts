import { describe, expect, it } from 'vitest';
import { looksLikeJson, looksLikeJsonString } from '../../../src/panel/detail/json/detect';
import { type JsonNode, parseJson } from '../../../src/panel/detail/json/parse';
import { printJson } from '../../../src/panel/detail/json/print';

/** The parsed tree as plain values (numbers as their source text), to compare with expectations. */
function plain(node: JsonNode): unknown {
  if (node.type === 'object') return Object.fromEntries(node.keys.map((k, i) => [k, plain(node.children[i])]));
  if (node.type === 'array') return node.children.map(plain);
  return node.type === 'string' ? node.text : `#${node.text}`;
}

function parsed(text: string): JsonNode {
  const result = parseJson(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.root;
}

describe('parseJson', () => {
  it('parses objects, arrays, strings and literals', () => {
    expect(plain(parsed(' {"a": [1, "two", true, false, null], "b": {}} '))).toEqual({
      a: ['#1', 'two', '#true', '#false', '#null'],
      b: {},
    });
    expect(plain(parsed('[]'))).toEqual([]);
    expect(plain(parsed('"solo"'))).toBe('solo');
  });

  it('keeps numbers exactly as written, beyond double precision', () => {
    const root = parsed('{"id": 12345678901234567890123, "x": -0.10000000000000000001, "e": 1E+400}');
    expect(plain(root)).toEqual({ id: '#12345678901234567890123', x: '#-0.10000000000000000001', e: '#1E+400' });
    expect(printJson(root, '')).toBe('{"id":12345678901234567890123,"x":-0.10000000000000000001,"e":1E+400}');
  });

  it('decodes escapes, including \\u and surrogate pairs', () => {
    expect(plain(parsed('"a\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00"'))).toBe('a"b\\c/d\n\té😀');
  });

  it('keeps duplicate keys in order', () => {
    const root = parsed('{"k": 1, "k": 2}');
    expect(root.type === 'object' && root.keys).toEqual(['k', 'k']);
  });

  it('parses 100 000 levels of nesting without overflowing the stack', () => {
    const depth = 100_000;
    const arrays = parseJson(`${'['.repeat(depth)}${']'.repeat(depth)}`);
    expect(arrays.ok).toBe(true);
    const objects = parseJson(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
    expect(objects.ok).toBe(true);
    let node = objects.ok ? objects.root : null;
    let levels = 0;
    while (node?.type === 'object') {
      node = node.children[0];
      levels++;
    }
    expect(levels).toBe(depth);
    expect(node).toEqual({ type: 'number', text: '1' });
  });

  it.each([
    ['{"a": 1,}', 'Unexpected character "}": expected a string key', 8],
    ['[1, 2', "Unexpected end of input: expected ',' or ']'", 5],
    ['{"a" 1}', 'Unexpected character "1": expected \':\'', 5],
    ['{"a": tru}', 'Unexpected character "t"', 6],
    ['[01]', "Unexpected character \"1\": expected ',' or ']'", 2],
    ['"abc', 'Unterminated string', 4],
    ['"a\\x"', 'Invalid escape in string', 2],
    ['"\\u12g4"', 'Invalid \\u escape', 1],
    ['"tab\there"', 'Control character in string', 4],
    ['{} {}', 'Unexpected character "{" after the JSON value', 3],
    ['', 'Unexpected end of input', 0],
  ])('reports %j as %s at %i', (text, message, offset) => {
    const result = parseJson(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ message, offset });
  });

  it('gives the line and column of an error', () => {
    const result = parseJson('{\n  "a": 1,\n  "b": ?\n}');
    expect(result.ok ? null : result.error).toEqual({ message: 'Unexpected character "?"', offset: 19, line: 3, column: 8 });
  });
});

describe('looksLikeJson', () => {
  it('is true for text that starts like an object or array', () => {
    expect(looksLikeJson('{"a":1}')).toBe(true);
    expect(looksLikeJson(' \n [1')).toBe(true);
    expect(looksLikeJson('{not json')).toBe(true);
  });

  it('is false for other text', () => {
    expect(looksLikeJson('hello {"a":1}')).toBe(false);
    expect(looksLikeJson('42')).toBe(false);
    expect(looksLikeJson('   ')).toBe(false);
    expect(looksLikeJson('')).toBe(false);
  });

  it('spots JSON string literals separately', () => {
    expect(looksLikeJsonString(' "x"')).toBe(true);
    expect(looksLikeJsonString('x')).toBe(false);
  });
});
