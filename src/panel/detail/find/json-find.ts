/**
 * Find in the JSON tree: the nodes whose key or value contains the query, in the order the tree shows
 * them, and the way up from each to the root so that showing one can expand its ancestors. Walked
 * without recursion (a 100,000-deep document must not overflow the stack) and capped like the text find.
 * Strings that hold JSON are matched as text; their inside is searched once the user expands them.
 */
import type { JsonNode } from '../json/parse';
import { containsQuery, MAX_MATCHES } from './find';

export interface TreeMatches {
  nodes: JsonNode[];
  capped: boolean;
  /** Parent of every node walked, for `ancestorsOf`. */
  parents: Map<JsonNode, JsonNode>;
}

export const NO_TREE_MATCHES: TreeMatches = { nodes: [], capped: false, parents: new Map() };

const valueText = (node: JsonNode): string => (node.type === 'object' || node.type === 'array' ? '' : node.text);

export function findInTree(root: JsonNode, query: string, max = MAX_MATCHES): TreeMatches {
  if (query === '') return NO_TREE_MATCHES;
  const contains = containsQuery(query);
  const nodes: JsonNode[] = [];
  const parents = new Map<JsonNode, JsonNode>();
  // Pre-order: a node before its children, children in order (pushed reversed onto the stack).
  const stack: { node: JsonNode; key: string }[] = [{ node: root, key: '' }];
  while (stack.length > 0) {
    const { node, key } = stack.pop() as { node: JsonNode; key: string };
    if (contains(key) || contains(valueText(node))) {
      if (nodes.length === max) return { nodes, capped: true, parents };
      nodes.push(node);
    }
    if (node.type !== 'object' && node.type !== 'array') continue;
    for (let i = node.children.length - 1; i >= 0; i--) {
      parents.set(node.children[i], node);
      stack.push({ node: node.children[i], key: node.type === 'object' ? node.keys[i] : '' });
    }
  }
  return { nodes, capped: false, parents };
}

/** The nodes to expand, root first, for `node` to be visible. */
export function ancestorsOf(matches: TreeMatches, node: JsonNode): JsonNode[] {
  const chain: JsonNode[] = [];
  for (let parent = matches.parents.get(node); parent !== undefined; parent = matches.parents.get(parent)) chain.push(parent);
  return chain.reverse();
}
