/**
 * `npm run start:firefox`, as in start.test.ts for Chromium: it builds, serves the demo, opens firefox-esr with
 * the add-on where a display exists (Xvfb here), prints the manual steps where none does, and Ctrl+C stops
 * everything it started. Firefox keeps one WebDriver BiDi session, held by the script (scripts/start-firefox.mjs),
 * so this test cannot attach to it as start.test.ts does to Chromium: it reads what the script reports after
 * reading the real panel, and checks from outside what it can (the demo server's clients, the processes).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firefoxMajor } from '../support/firefox-version';
import { processTree, stillRunning } from '../support/processes';
import { runStart, waitFor, withoutDisplay } from '../support/start-script';

const demoUrl = (output: string) => /Demo chat: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1];

describe('npm run start:firefox', () => {
  it('without a display: serves the demo, explains how to load the add-on, and stops on Ctrl+C', async () => {
    const run = runStart(['npm', 'run', 'start:firefox'], withoutDisplay());
    await waitFor(() => /Ctrl\+C stops the server/.test(run.output()), 'the instructions');
    const url = demoUrl(run.output());
    expect(url).toBeDefined();
    expect(run.output()).toContain('Load Temporary Add-on… → ');
    expect(run.output()).toMatch(/dist\/firefox\/manifest\.json/);
    expect(await fetch(url as string).then((r) => r.text())).toContain('<html');
    const tree = processTree(run.pid);
    expect(tree.map((p) => p.cmd)).toContain('node scripts/start.mjs --firefox');
    run.interrupt();
    // npm's shell dies of the SIGINT at once (so npm reports the signal), while the script closes the server.
    await run.exited;
    await waitFor(() => stillRunning(tree).length === 0, 'the script to end', 20_000).catch(() => undefined);
    expect(stillRunning(tree).map((p) => p.cmd)).toEqual([]);
    expect(run.output()).toContain('stopped');
    await expect(fetch(url as string)).rejects.toThrow();
  });

  it('with a display: opens firefox-esr with the add-on on the demo and the WebSockets panel capturing it; Ctrl+C leaves nothing behind', async () => {
    // Its own temp dir: Firefox's profile is created there, so that this run's Firefox is told apart from
    // other runs' and its profile can be seen to go.
    const temp = await mkdtemp(join(tmpdir(), 'socketscope-start-firefox-'));
    try {
      // Without npm in between: its shell would die of the SIGINT at once, and xvfb-run would then stop the
      // display under a Firefox that is still closing.
      const run = runStart(['xvfb-run', '-a', 'node', 'scripts/start.mjs', '--firefox'], { ...process.env, TMPDIR: temp });
      await waitFor(() => /captures the demo's socket|Open DevTools \(F12\)/.test(run.output()), 'the panel', 120_000);
      expect(run.output()).toContain('Firefox is open on the demo with SocketScope as a temporary add-on.');
      const url = demoUrl(run.output()) as string;
      if (firefoxMajor() >= 148) {
        expect(run.output()).toContain('The toolbox shows the WebSockets panel.');
        // The script read the real panel's Connections list: it holds the demo page's chat socket.
        expect(run.output()).toContain(`The WebSockets panel captures the demo's socket ${url.replace('http', 'ws')}ws.`);
      } else {
        // ESR 140's WebDriver BiDi has no chrome scope (scripts/firefox-chrome-scope.mjs): the script cannot open the
        // toolbox, and says how to open the panel by hand.
        expect(run.output()).toContain('Open DevTools (F12) and pick the "WebSockets" tab');
      }

      // From outside: the demo server has a chat client, and a headful Firefox runs on a fresh profile here.
      const stats = (await fetch(`${url}control/stats`).then((r) => r.json())) as { chatClients: number };
      expect(stats.chatClients).toBeGreaterThanOrEqual(1);
      const tree = processTree(run.pid);
      const firefox = tree.find((p) => /firefox/.test(p.cmd) && p.cmd.includes(`--profile ${temp}/`));
      expect(firefox, tree.map((p) => p.cmd).join('\n')).toBeDefined();
      expect(firefox?.cmd).not.toContain('--headless');
      const profile = /--profile (\S+)/.exec(firefox?.cmd ?? '')?.[1] as string;
      expect(existsSync(profile)).toBe(true);

      // Ctrl+C in a terminal reaches the script (Firefox runs in a process group of its own) but not the
      // display server, which xvfb-run stands in for here: only the script is signalled.
      const script = tree.find((p) => p.cmd === 'node scripts/start.mjs --firefox');
      process.kill(script?.pid as number, 'SIGINT');
      expect(await run.exited).toBe(0); // xvfb-run exits with the script's status
      expect(run.output()).toContain('stopped');
      await waitFor(() => stillRunning(tree).length === 0, 'Firefox, Xvfb and the script to end', 20_000).catch(() => undefined);
      expect(stillRunning(tree).map((p) => p.cmd)).toEqual([]);
      expect(existsSync(profile)).toBe(false);
      await expect(fetch(url)).rejects.toThrow();
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  }, 180_000);
});
