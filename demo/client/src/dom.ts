// Small DOM helpers. Received data is only ever rendered through textContent.

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`Missing element #${id}`);
  return element as T;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text = '',
  attributes: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  element.textContent = text;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

/** Append to a list, dropping the oldest items beyond `max`. */
export function appendCapped(list: HTMLElement, item: HTMLElement, max: number): void {
  list.append(item);
  while (list.childElementCount > max) list.firstElementChild?.remove();
}

export function clock(ts: number = Date.now()): string {
  return new Date(ts).toISOString().slice(11, 23);
}
