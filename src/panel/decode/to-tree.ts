/**
 * A decoded body (plain data from a decoder: objects, arrays, Maps, strings, numbers, bigint, bytes) as
 * the JSON tree's nodes, so the Decoded tab reuses the tree view. Built without recursion and capped in
 * nodes, so a 100,000-deep MessagePack map or a huge array costs a bounded amount.
 */
import { bytesToHex } from '../../shared/codec';
import type { JsonContainer, JsonNode } from '../detail/json/parse';

export const MAX_TREE_NODES = 50_000;
const MAX_BYTES_SHOWN = 64;

export interface DecodedTree {
  root: JsonNode;
  /** Entries left out past MAX_TREE_NODES (a cut branch counts once: what lies below it is never walked). */
  omitted: number;
}

function leaf(value: unknown): JsonNode | null {
  if (value === null || value === undefined) return { type: 'null', text: 'null' };
  switch (typeof value) {
    case 'string':
      return { type: 'string', text: value };
    case 'number':
    case 'bigint':
      return { type: 'number', text: String(value) };
    case 'boolean':
      return { type: 'boolean', text: String(value) };
    case 'object':
      if (value instanceof Uint8Array) {
        const hex = bytesToHex(value.subarray(0, MAX_BYTES_SHOWN));
        return { type: 'string', text: `<${value.length} bytes> ${hex}${value.length > MAX_BYTES_SHOWN ? ' …' : ''}` };
      }
      if (value instanceof Date) return { type: 'string', text: Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString() };
      return null;
    default:
      return { type: 'string', text: String(value) };
  }
}

function labelOf(key: unknown): string {
  if (typeof key === 'string') return key;
  const node = leaf(key);
  return node && 'text' in node ? node.text : Object.prototype.toString.call(key);
}

/** The size of a container value and its first `limit` entries, as [label, value] pairs. */
function entries(value: object, limit: number): { size: number; list: [string, unknown][] } {
  const list: [string, unknown][] = [];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && i < limit; i++) list.push([String(i), value[i]]);
    return { size: value.length, list };
  }
  if (value instanceof Map) {
    for (const [key, item] of value) {
      if (list.length >= limit) break;
      list.push([labelOf(key), item]);
    }
    return { size: value.size, list };
  }
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length && i < limit; i++) list.push([keys[i], (value as Record<string, unknown>)[keys[i]]]);
  return { size: keys.length, list };
}

export function toTree(body: unknown): DecodedTree {
  let budget = MAX_TREE_NODES;
  let omitted = 0;
  const make = (value: unknown): { node: JsonNode; pending?: [JsonContainer, [string, unknown][]] } => {
    const simple = leaf(value);
    if (simple) return { node: simple };
    const { size, list } = entries(value as object, budget);
    omitted += size - list.length;
    const node: JsonContainer = Array.isArray(value) ? { type: 'array', children: [] } : { type: 'object', keys: [], children: [] };
    return { node, pending: [node, list] };
  };
  const first = make(body);
  const work: [JsonContainer, [string, unknown][]][] = first.pending ? [first.pending] : [];
  while (work.length > 0) {
    const [parent, list] = work.pop()!;
    for (const [label, value] of list) {
      if (budget <= 0) {
        omitted++;
        continue;
      }
      budget--;
      const child = make(value);
      parent.children.push(child.node);
      if (parent.type === 'object') parent.keys.push(label);
      if (child.pending) work.push(child.pending);
    }
  }
  return { root: first.node, omitted };
}
