/** On failure: a screenshot of each page and the console log, in a folder whose path is printed. */

import { mkdir, writeFile } from 'node:fs/promises';
import type { Page } from 'puppeteer-core';
import { afterEach } from 'vitest';
import { ARTIFACTS } from './paths';

/** A new folder for one failed test's artifacts. */
export async function artifactsFolder(testName: string): Promise<string> {
  const dir = `${ARTIFACTS}/${testName.replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}-${Date.now()}`;
  await mkdir(dir, { recursive: true });
  return dir;
}

/** A failed attempt's errors, with their stacks. A test that passes on its retry has them printed nowhere else. */
export const errorsOf = (result: { errors?: { stack?: string; message?: string }[] }): string =>
  (result.errors ?? []).map((e) => e.stack ?? e.message ?? String(e)).join('\n\n');

export async function recordFailure(testName: string, pages: Page[], logs: string[]): Promise<string> {
  const dir = await artifactsFolder(testName);
  for (const [i, page] of pages.entries()) {
    await page.screenshot({ path: `${dir}/screen-${i}.png` }).catch(() => undefined);
  }
  await writeFile(`${dir}/console.log`, logs.join('\n'));
  console.error(`[socketscope] failure artifacts: ${dir}`);
  return dir;
}

/** Registers an afterEach that saves artifacts for a failed test of a file that shares one browser session. */
export function saveArtifactsOnFailure(getSession: () => { saveFailure(name: string): Promise<string> } | undefined): void {
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    const dir = await getSession()?.saveFailure(ctx.task.name);
    if (dir) await writeFile(`${dir}/error.txt`, errorsOf(ctx.task.result)).catch(() => undefined);
  });
}
