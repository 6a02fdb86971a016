/** Small helpers for component tests: render into happy-dom, find by role and name, send keys. */
import type { ComponentChild } from 'preact';
import { render } from 'preact';
import { act } from 'preact/test-utils';

export function mount(node: ComponentChild): { root: HTMLElement; unmount(): void } {
  const root = document.createElement('div');
  document.body.append(root);
  act(() => render(node, root));
  return {
    root,
    unmount() {
      act(() => render(null, root));
      root.remove();
    },
  };
}

/** The accessible name as tests use it: aria-label, else aria-labelledby's text, else the text content. */
export function nameOf(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label !== null) return label;
  const by = el.getAttribute('aria-labelledby');
  if (by)
    return by
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ');
  return (el.textContent ?? '').trim();
}

export function allByRole(root: ParentNode, role: string): HTMLElement[] {
  const implicit: Record<string, string> = {
    button: 'button:not([role])',
    table: 'table:not([role])',
    group: 'fieldset:not([role])',
    region: 'section[aria-label]:not([role])',
    searchbox: 'input[type=search]:not([role])',
  };
  const selector = `[role="${role}"]${implicit[role] ? `, ${implicit[role]}` : ''}`;
  return [...root.querySelectorAll<HTMLElement>(selector)];
}

export function byRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement {
  const found = allByRole(root, role).filter((el) =>
    name === undefined ? true : typeof name === 'string' ? nameOf(el) === name : name.test(nameOf(el)),
  );
  if (found.length !== 1) throw new Error(`expected one ${role} named ${String(name)}, found ${found.length}`);
  return found[0];
}

export function press(el: Element, key: string): void {
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

export function click(el: Element): void {
  act(() => {
    (el as HTMLElement).click();
  });
}

/** Lets pending promises (and the state updates they make) settle. */
export async function settle(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}
