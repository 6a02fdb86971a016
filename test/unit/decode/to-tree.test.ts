import { describe, expect, it } from 'vitest';
import { MAX_TREE_NODES, toTree } from '../../../src/panel/decode/to-tree';

describe('toTree', () => {
  it('turns decoded values into tree nodes: maps, bytes, bigint, nulls', () => {
    const { root, omitted } = toTree({
      n: 1n,
      bytes: new Uint8Array([1, 2, 255]),
      map: new Map<unknown, unknown>([[1, 'one']]),
      none: undefined,
    });
    expect(omitted).toBe(0);
    expect(root).toEqual({
      type: 'object',
      keys: ['n', 'bytes', 'map', 'none'],
      children: [
        { type: 'number', text: '1' },
        { type: 'string', text: '<3 bytes> 01 02 ff' },
        { type: 'object', keys: ['1'], children: [{ type: 'string', text: 'one' }] },
        { type: 'null', text: 'null' },
      ],
    });
  });

  it('builds a 100,000-deep value without recursion, and caps the nodes it builds', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = { d: deep };
    const { root, omitted } = toTree(deep);
    let depth = 0;
    for (let node = root; node.type === 'object' && node.children.length > 0; node = node.children[0]) depth++;
    expect(depth).toBe(MAX_TREE_NODES);
    // The branch cut at the cap counts once: what lies below it is never walked.
    expect(omitted).toBe(1);
  });

  it('counts what a huge array leaves out', () => {
    const { root, omitted } = toTree(new Array(MAX_TREE_NODES + 10).fill(0));
    expect(root.type === 'array' && root.children.length).toBe(MAX_TREE_NODES);
    expect(omitted).toBe(10);
  });
});
