/** Helpers for reading and driving the panel frame. */
import type { Frame } from 'puppeteer-core';

/** Waits until `predicate` (run inside the panel) holds. */
export async function waitForPanel(panel: Frame, predicate: () => boolean, timeout = 20_000): Promise<void> {
  await panel.waitForFunction(predicate, { polling: 50, timeout });
}

export async function panelText(panel: Frame, selector: string): Promise<string> {
  // innerText keeps the visual separation of cells and rows, which assertions read.
  // biome-ignore lint/performance/useDomNodeTextContent: layout-aware text is wanted here
  return panel.$eval(selector, (el) => (el as HTMLElement).innerText);
}
