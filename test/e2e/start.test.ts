/**
 * `npm start` on a machine like a fresh one: it builds, serves the demo, opens Chromium with the
 * extension where a display exists (Xvfb here), prints the manual steps where none does, and Ctrl+C
 * stops everything it started.
 */
import { execFileSync } from 'node:child_process';
import puppeteer from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { selectedTabIds } from '../support/chromium';
import { EXTENSION_ID } from '../support/paths';
import { runStart, waitFor, withoutDisplay } from '../support/start-script';

const chromiumWithExtension = () => {
  try {
    return execFileSync('pgrep', ['-f', 'user-data-dir=.*socketscope-start-.*load-extension'], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
};

describe('npm start', () => {
  it('without a display: serves the demo, explains how to load the extension, and stops on Ctrl+C', async () => {
    const run = runStart(['node', 'scripts/start.mjs'], withoutDisplay());
    await waitFor(() => /Ctrl\+C stops the server/.test(run.output()), 'the instructions');
    const url = /Demo chat: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(run.output())?.[1];
    expect(url).toBeDefined();
    expect(run.output()).toContain('Load unpacked');
    const page = await fetch(url as string).then((r) => r.text());
    expect(page).toContain('<html');
    run.interrupt();
    expect(await run.exited).toBe(0);
    await expect(fetch(url as string)).rejects.toThrow();
  });

  it('with a display: opens Chromium with DevTools on the WebSockets panel, and Ctrl+C closes it', async () => {
    const run = runStart(['xvfb-run', '-a', 'node', 'scripts/start.mjs'], { ...process.env, SOCKETSCOPE_START_REMOTE_DEBUGGING: '1' });
    await waitFor(() => /Chromium is open on the demo/.test(run.output()), 'Chromium to open');
    await waitFor(chromiumWithExtension, 'a Chromium process with the extension');
    await waitFor(() => /DevTools shows the WebSockets panel|Pick the "WebSockets" tab/.test(run.output()), 'the panel to be shown');
    // Checked from outside, as the user would see it: the DevTools window's selected tab is ours.
    const endpoint = /Remote debugging: (ws:\S+)/.exec(run.output())?.[1] as string;
    const browser = await puppeteer.connect({ browserWSEndpoint: endpoint, defaultViewport: null });
    try {
      const target = await browser.waitForTarget((t) => t.url().startsWith('devtools://devtools/bundled/devtools_app.html'));
      const devtools = await target.asPage();
      expect(await selectedTabIds(devtools)).toContain(`tab-chrome-extension://${EXTENSION_ID}WebSockets`);
      const demo = (await browser.pages()).find((p) => p.url().startsWith('http://127.0.0.1:'));
      expect(demo).toBeDefined();
    } finally {
      browser.disconnect();
    }
    // The whole group is signalled like a terminal's Ctrl+C.
    run.interrupt();
    await run.exited;
    await waitFor(() => !chromiumWithExtension(), 'Chromium to close', 20_000);
    expect(run.output()).toContain('stopped');
  });
});
