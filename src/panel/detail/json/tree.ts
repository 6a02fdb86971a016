/**
 * The JSON tree's visible rows: a flat list (with ARIA levels) built without recursion and only
 * down to what is expanded, so a deep or huge document costs no more than the rows on screen.
 */
import { looksLikeJson } from './detect';
import { type JsonNode, type ParseResult, parseJson } from './parse';

export interface TreeRow {
  /** 'value' for a JSON value; 'error' for the parse error of an expanded nested JSON string. */
  kind: 'value' | 'error';
  node: JsonNode;
  /** Property name, array index, or null for the root. */
  label: string | null;
  /** 1-based, as aria-level. */
  level: number;
  posinset: number;
  setsize: number;
  /** Row index of the parent row, -1 for the root. */
  parent: number;
  expandable: boolean;
  expanded: boolean;
  /** A string whose content is JSON and can be expanded in place. */
  nested: boolean;
  error?: string;
}

const nestedCache = new WeakMap<JsonNode, ParseResult>();
const childCache = new WeakMap<JsonNode, Child[]>();

/** Whether a string value looks like JSON worth offering to expand. */
export function isNestedJson(node: JsonNode): boolean {
  return node.type === 'string' && looksLikeJson(node.text);
}

/** The parsed content of a nested JSON string, parsed once on first expansion. */
export function parseNested(node: JsonNode): ParseResult {
  let result = nestedCache.get(node);
  if (!result) {
    result = parseJson((node as { text: string }).text);
    nestedCache.set(node, result);
  }
  return result;
}

export function isExpandable(node: JsonNode): boolean {
  return node.type === 'object' || node.type === 'array' ? node.children.length > 0 : isNestedJson(node);
}

type Child = { kind: 'value'; node: JsonNode; label: string } | { kind: 'error'; node: JsonNode; error: string };

/** The children shown under an expanded node; a nested string shows its parsed document's children. */
function childrenOf(node: JsonNode): Child[] {
  let children = childCache.get(node);
  if (!children) {
    children = listChildren(node);
    childCache.set(node, children);
  }
  return children;
}

function listChildren(node: JsonNode): Child[] {
  let container = node;
  if (node.type === 'string') {
    const parsed = parseNested(node);
    if (!parsed.ok) {
      const { message, offset } = parsed.error;
      return [{ kind: 'error', node, error: `Not valid JSON: ${message} at position ${offset}` }];
    }
    container = parsed.root;
  }
  if (container.type === 'object') return container.children.map((child, i) => ({ kind: 'value', node: child, label: container.keys[i] }));
  if (container.type === 'array') return container.children.map((child, i) => ({ kind: 'value', node: child, label: String(i) }));
  return [];
}

/** Expands the root, and its direct children when there are few of them. */
export function initialExpansion(root: JsonNode): Set<JsonNode> {
  const expanded = new Set<JsonNode>([root]);
  if ((root.type === 'object' || root.type === 'array') && root.children.length <= 50) {
    for (const child of root.children) if (child.type === 'object' || child.type === 'array') expanded.add(child);
  }
  return expanded;
}

export function visibleRows(root: JsonNode, expanded: ReadonlySet<JsonNode>, limit: number): { rows: TreeRow[]; truncated: boolean } {
  const rows: TreeRow[] = [];
  const push = (node: JsonNode, label: string | null, level: number, posinset: number, setsize: number, parent: number): boolean => {
    const expandable = isExpandable(node);
    const open = expandable && expanded.has(node);
    rows.push({ kind: 'value', node, label, level, posinset, setsize, parent, expandable, expanded: open, nested: isNestedJson(node) });
    return open;
  };
  const stack: { children: Child[]; next: number; row: number }[] = [];
  if (push(root, null, 1, 1, 1, -1)) stack.push({ children: childrenOf(root), next: 0, row: 0 });
  while (stack.length > 0 && rows.length < limit) {
    const frame = stack[stack.length - 1];
    if (frame.next >= frame.children.length) {
      stack.pop();
      continue;
    }
    const i = frame.next++;
    const child = frame.children[i];
    const level = rows[frame.row].level + 1;
    if (child.kind === 'error') {
      const base = { node: child.node, label: null, level, posinset: i + 1, setsize: frame.children.length, parent: frame.row };
      rows.push({ ...base, kind: 'error', expandable: false, expanded: false, nested: false, error: child.error });
      continue;
    }
    if (push(child.node, child.label, level, i + 1, frame.children.length, frame.row)) {
      stack.push({ children: childrenOf(child.node), next: 0, row: rows.length - 1 });
    }
  }
  return { rows, truncated: stack.some((f) => f.next < f.children.length) };
}

/** A short, single-line rendering of a value for its tree row. */
export function valuePreview(node: JsonNode, maxChars = 2000): string {
  switch (node.type) {
    case 'object':
      return `{…} ${node.children.length} ${node.children.length === 1 ? 'key' : 'keys'}`;
    case 'array':
      return `[…] ${node.children.length} ${node.children.length === 1 ? 'item' : 'items'}`;
    case 'string': {
      const quoted = JSON.stringify(node.text.length > maxChars ? node.text.slice(0, maxChars) : node.text);
      return node.text.length > maxChars ? `${quoted.slice(0, -1)}…" (${node.text.length} chars)` : quoted;
    }
    default:
      return node.text;
  }
}
