/**
 * Driving a protocol fixture page from a test, in Chromium or Firefox, and reading Chromium's own account of
 * its frames (support/wire-frames.ts) in a form that assertions can read.
 */
import type { Page } from 'puppeteer-core';
import type { WireFrame } from '../wire-frames';

/** Loads a fixture page and resolves to its record once the exchange has finished (rejects with its failure). */
export async function runFixturePage(page: Page, url: string): Promise<unknown[]> {
  await page.goto(url);
  return page.evaluate(() => (window as unknown as { __finished: Promise<unknown[]> }).__finished);
}

/** One line per frame: "send <text>" or "recv bin <hex>". */
export const frameLine = (frame: WireFrame) =>
  `${frame.dir} ${frame.binary ? `bin ${frame.bytes.toString('hex')}` : frame.bytes.toString('utf8')}`;

/**
 * Whether `expected` occurs in `lines` in that order (other lines may come between): a string must equal a
 * line, a RegExp must match one. Returns the first expectation not found after the previous one, or null.
 */
export function missingInOrder(lines: readonly string[], expected: readonly (string | RegExp)[]): string | RegExp | null {
  let at = 0;
  for (const want of expected) {
    const found = lines.findIndex((line, i) => i >= at && (typeof want === 'string' ? line === want : want.test(line)));
    if (found < 0) return want;
    at = found + 1;
  }
  return null;
}
