/**
 * Serialises a parsed tree back to JSON without recursion, keeping numbers exactly as their source
 * tokens (JSON.stringify(JSON.parse(x)) would round big integers and overflow on deep input).
 */
import type { JsonContainer, JsonNode } from './parse';

function scalar(node: JsonNode): string {
  return node.type === 'string' ? JSON.stringify(node.text) : (node as { text: string }).text;
}

/**
 * Prints `root` with `indent` per level ('' gives compact JSON). Returns null when the output would
 * exceed `budget` characters: indentation grows with depth squared, so deep input is printed compact.
 */
export function printJson(root: JsonNode, indent = '  ', budget = Number.POSITIVE_INFINITY): string | null {
  const out: string[] = [];
  let length = 0;
  const emit = (s: string): boolean => {
    out.push(s);
    length += s.length;
    return length <= budget;
  };
  const colon = indent ? ': ' : ':';
  const breakAt = (level: number) => (indent ? `\n${indent.repeat(level)}` : '');
  const open = (node: JsonContainer) => (node.type === 'object' ? '{' : '[');
  const close = (node: JsonContainer) => (node.type === 'object' ? '}' : ']');

  if (root.type !== 'object' && root.type !== 'array') return emit(scalar(root)) ? out.join('') : null;
  const stack: { node: JsonContainer; next: number }[] = [{ node: root, next: 0 }];
  if (!emit(open(root))) return null;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const { node } = frame;
    const level = stack.length;
    if (frame.next >= node.children.length) {
      stack.pop();
      if (!emit(node.children.length > 0 ? breakAt(level - 1) + close(node) : close(node))) return null;
      continue;
    }
    const i = frame.next++;
    let piece = (i > 0 ? ',' : '') + breakAt(level);
    if (node.type === 'object') piece += JSON.stringify(node.keys[i]) + colon;
    const child = node.children[i];
    if (child.type === 'object' || child.type === 'array') {
      if (!emit(piece + open(child))) return null;
      stack.push({ node: child, next: 0 });
    } else if (!emit(piece + scalar(child))) return null;
  }
  return out.join('');
}

/** Pretty JSON for copying: indented when that stays reasonably small, otherwise compact. */
export function prettyJson(root: JsonNode, sourceLength: number): string {
  const budget = Math.max(8 << 20, sourceLength * 4);
  return printJson(root, '  ', budget) ?? printJson(root, '')!;
}
