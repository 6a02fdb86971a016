import { afterEach, describe, expect, it } from 'vitest';
import { JsonTree } from '../../../src/panel/detail/JsonTree';
import { type JsonNode, parseJson } from '../../../src/panel/detail/json/parse';
import { allByRole, byRole, click, mount, press } from './dom';

let view: ReturnType<typeof mount> | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
});

function tree(text: string, step?: number) {
  const parsed = parseJson(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  view = mount(<JsonTree root={parsed.root as JsonNode} label="JSON tree" step={step} />);
  return byRole(view.root, 'tree', 'JSON tree');
}

const items = (t: HTMLElement) => allByRole(t, 'treeitem');
const texts = (t: HTMLElement) => items(t).map((i) => i.textContent?.replace(/^[▾▸]/, ''));
const focused = () => document.activeElement?.textContent?.replace(/^[▾▸]/, '');

describe('JsonTree', () => {
  it('marks levels, positions and expansion for assistive technology', () => {
    const t = tree('{"a": {"b": 1}, "c": [1, 2]}');
    expect(items(t).map((i) => [i.getAttribute('aria-level'), i.getAttribute('aria-posinset'), i.getAttribute('aria-expanded')])).toEqual([
      ['1', '1', 'true'],
      ['2', '1', 'true'],
      ['3', '1', null],
      ['2', '2', 'true'],
      ['3', '1', null],
      ['3', '2', null],
    ]);
    expect(items(t).filter((i) => i.tabIndex === 0)).toHaveLength(1);
  });

  it('moves with Up/Down, collapses with Left, goes to the parent with Left, expands with Right', () => {
    const t = tree('{"a": {"b": 1}, "c": 2}');
    items(t)[0].focus();
    press(items(t)[0], 'ArrowDown');
    expect(focused()).toBe('a: {…} 1 key');
    press(document.activeElement!, 'ArrowLeft');
    expect(texts(t)).toEqual(['{…} 2 keys', 'a: {…} 1 key', 'c: 2']);
    expect(items(t)[1].getAttribute('aria-expanded')).toBe('false');
    press(document.activeElement!, 'ArrowRight');
    expect(texts(t)).toEqual(['{…} 2 keys', 'a: {…} 1 key', 'b: 1', 'c: 2']);
    press(document.activeElement!, 'ArrowRight');
    expect(focused()).toBe('b: 1');
    press(document.activeElement!, 'ArrowLeft');
    expect(focused()).toBe('a: {…} 1 key');
    press(document.activeElement!, 'End');
    expect(focused()).toBe('c: 2');
    press(document.activeElement!, 'Home');
    expect(focused()).toBe('{…} 2 keys');
    press(document.activeElement!, 'Enter');
    expect(texts(t)).toEqual(['{…} 2 keys']);
  });

  it('expands a string holding JSON in place, on click or keyboard', () => {
    const t = tree('{"event": "message", "data": "{\\"user\\":\\"ada\\",\\"n\\":[1]}"}');
    const data = items(t)[2];
    expect(data.getAttribute('aria-expanded')).toBe('false');
    expect(data.textContent).toContain('JSON');
    click(data);
    expect(texts(t).slice(2)).toEqual(['data: "{\\"user\\":\\"ada\\",\\"n\\":[1]}" JSON', 'user: "ada"', 'n: […] 1 item']);
    expect(items(t)[3].getAttribute('aria-level')).toBe('3');
    press(items(t)[2], 'ArrowLeft');
    expect(items(t)).toHaveLength(3);
  });

  it('offers more rows when a large array is cut', () => {
    // A small step keeps this fast in happy-dom; the panel's step is TREE_ROW_STEP.
    const t = tree(`[${Array.from({ length: 25 }, (_, i) => i).join(',')}]`, 10);
    expect(items(t)).toHaveLength(10);
    click(byRole(view!.root, 'button', 'Show more JSON rows'));
    expect(items(t)).toHaveLength(20);
    click(byRole(view!.root, 'button', 'Show more JSON rows'));
    expect(items(t)).toHaveLength(26);
    expect(view!.root.querySelector('[aria-label="Show more JSON rows"]')).toBeNull();
  });
});
