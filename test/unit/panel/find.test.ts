import { describe, expect, it } from 'vitest';
import { cutPieces, describeMatches, findMatches, stepMatch } from '../../../src/panel/detail/find/find';
import { ancestorsOf, findInTree } from '../../../src/panel/detail/find/json-find';
import { type JsonNode, parseJson } from '../../../src/panel/detail/json/parse';

const tree = (text: string): JsonNode => {
  const parsed = parseJson(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.root;
};
const labelOf = (node: JsonNode) => (node.type === 'object' || node.type === 'array' ? node.type : node.text);

describe('findMatches', () => {
  it('finds every occurrence, ignoring case, as UTF-16 offsets', () => {
    expect(findMatches('Token token TOKEN', 'token')).toEqual({ starts: [0, 6, 12], length: 5, capped: false });
  });

  it('treats the query as literal text, so regex syntax cannot backtrack', () => {
    expect(findMatches('a.b (a+)+$ a+', '(a+)+$').starts).toEqual([4]);
    expect(findMatches('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!', '(a+)+$').starts).toEqual([]);
  });

  it('does not count overlapping matches twice', () => {
    expect(findMatches('aaaa', 'aa').starts).toEqual([0, 2]);
  });

  it('caps the matches and says so', () => {
    const result = findMatches('x'.repeat(50), 'x', 10);
    expect(result.starts).toHaveLength(10);
    expect(result.capped).toBe(true);
  });

  it('finds nothing for an empty query', () => {
    expect(findMatches('abc', '').starts).toEqual([]);
  });

  it('finds a token deep in a large body', () => {
    const body = `${'y'.repeat(50_000)}needle${'y'.repeat(50_000)}`;
    expect(findMatches(body, 'NEEDLE').starts).toEqual([50_000]);
  });
});

describe('cutPieces', () => {
  const matches = findMatches('one two one two', 'two');

  it('cuts a range into plain text and numbered matches', () => {
    expect(cutPieces('one two one two', 0, 15, matches)).toEqual([
      { text: 'one ', match: -1 },
      { text: 'two', match: 0 },
      { text: ' one ', match: -1 },
      { text: 'two', match: 1 },
    ]);
  });

  it('marks the visible part of a match cut by the range', () => {
    expect(cutPieces('one two one two', 5, 13, matches)).toEqual([
      { text: 'wo', match: 0 },
      { text: ' one ', match: -1 },
      { text: 't', match: 1 },
    ]);
  });
});

describe('stepping and the status', () => {
  it('wraps around both ways', () => {
    expect(stepMatch(-1, 3, false)).toBe(0);
    expect(stepMatch(-1, 3, true)).toBe(2);
    expect(stepMatch(2, 3, false)).toBe(0);
    expect(stepMatch(0, 3, true)).toBe(2);
    expect(stepMatch(-1, 0, false)).toBe(-1);
  });

  it('says where the user is, and when the count was capped', () => {
    expect(describeMatches(-1, 0, false)).toBe('No matches');
    expect(describeMatches(-1, 17, false)).toBe('17 matches');
    expect(describeMatches(2, 17, false)).toBe('3 of 17');
    expect(describeMatches(0, 10_000, true)).toBe('1 of 10,000+');
  });
});

describe('findInTree', () => {
  it('finds keys and values in the order the tree shows them', () => {
    const root = tree('{"a": {"token": 1, "x": "no"}, "b": "Token here", "c": [true, "token"]}');
    expect(findInTree(root, 'token').nodes.map(labelOf)).toEqual(['1', 'Token here', 'token']);
  });

  it('gives the way to a deep match, root first', () => {
    const root = tree('{"a": {"b": {"c": "deep"}}}');
    const matches = findInTree(root, 'deep');
    const [deep] = matches.nodes;
    expect(ancestorsOf(matches, deep)).toHaveLength(3);
    expect(ancestorsOf(matches, deep)[0]).toBe(root);
  });

  it('walks a 100,000-deep document without overflowing the stack', () => {
    const depth = 100_000;
    const root = tree(`${'['.repeat(depth)}"bottom"${']'.repeat(depth)}`);
    const matches = findInTree(root, 'bottom');
    expect(matches.nodes).toHaveLength(1);
    expect(ancestorsOf(matches, matches.nodes[0])).toHaveLength(depth);
  });

  it('caps the matches', () => {
    const root = tree(JSON.stringify(Array.from({ length: 50 }, () => 'hit')));
    const matches = findInTree(root, 'hit', 10);
    expect(matches.nodes).toHaveLength(10);
    expect(matches.capped).toBe(true);
  });
});
