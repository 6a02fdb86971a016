/** The demo chat app as a test fixture: its client built once per process, its server on port 0. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { buildDemoClient } from '../../demo/build.mjs';
import { type DemoServer, type DemoServerOptions, startDemoServer } from '../../demo/server/index.mjs';

let built: Promise<string> | null = null;

export async function startDemo(options: DemoServerOptions = {}): Promise<DemoServer> {
  built ??= mkdtemp(join(tmpdir(), 'socketscope-demo-')).then((outDir) => buildDemoClient({ outDir, logLevel: 'silent' }));
  return startDemoServer({ heartbeatMs: 0, ...options, staticDir: await built });
}

/** Text of an element of the demo page, by id. */
export async function demoText(page: Page, id: string): Promise<string> {
  return page.$eval(`#${id}`, (el) => el.textContent ?? '');
}

export async function waitForDemoState(page: Page, state: string, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    (s: string) => document.querySelector('#conn-state')?.textContent?.trim() === s,
    { polling: 50, timeout },
    state,
  );
}
