/**
 * `npm start` on a machine like a fresh one: it builds, serves the demo, opens Chromium with the
 * extension where a display exists (Xvfb here), prints the manual steps where none does, and Ctrl+C
 * stops everything it started.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import puppeteer from 'puppeteer-core';
import { afterEach, describe, expect, it } from 'vitest';
import { selectedTabIds } from '../support/chromium';
import { EXTENSION_ID, ROOT } from '../support/paths';

let child: ChildProcess | null = null;

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = null;
});

function start(env: NodeJS.ProcessEnv, command: string[]): { output: () => string; exited: Promise<number | null> } {
  let output = '';
  child = spawn(command[0], command.slice(1), { cwd: ROOT, env: { ...env, PORT: '0' }, detached: true });
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child?.on('exit', (code) => resolve(code)));
  return { output: () => output, exited };
}

async function waitFor(check: () => boolean, what: string, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const chromiumWithExtension = () => {
  try {
    return execFileSync('pgrep', ['-f', 'user-data-dir=.*socketscope-start-.*load-extension'], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
};

describe('npm start', () => {
  it('without a display: serves the demo, explains how to load the extension, and stops on Ctrl+C', async () => {
    const env = { ...process.env };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const run = start(env, ['node', 'scripts/start.mjs']);
    await waitFor(() => /Ctrl\+C stops the server/.test(run.output()), 'the instructions');
    const url = /Demo chat: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(run.output())?.[1];
    expect(url).toBeDefined();
    expect(run.output()).toContain('Load unpacked');
    const page = await fetch(url as string).then((r) => r.text());
    expect(page).toContain('<html');
    process.kill(child?.pid as number, 'SIGINT');
    expect(await run.exited).toBe(0);
    await expect(fetch(url as string)).rejects.toThrow();
  });

  it('with a display: opens Chromium with DevTools on the WebSockets panel, and Ctrl+C closes it', async () => {
    const run = start({ ...process.env, SOCKETSCOPE_START_REMOTE_DEBUGGING: '1' }, ['xvfb-run', '-a', 'node', 'scripts/start.mjs']);
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
    // xvfb-run forwards the signal to its child; the whole group is signalled like a terminal's Ctrl+C.
    process.kill(-(child?.pid as number), 'SIGINT');
    await run.exited;
    await waitFor(() => !chromiumWithExtension(), 'Chromium to close', 20_000);
    expect(run.output()).toContain('stopped');
  });
});
