/**
 * Runs `npm start` and its variants as a user does in a terminal: in a process group of their own (so that
 * Ctrl+C reaches every process of it), on port 0, with what they print kept for the test to read.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { afterEach } from 'vitest';
import { artifactsFolder, errorsOf } from './artifacts';
import { ROOT } from './paths';

export interface StartRun {
  /** The pid of the command, leader of its process group. */
  pid: number;
  /** Everything printed so far, stdout and stderr. */
  output(): string;
  /** Resolves to the exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** Ctrl+C in a terminal: SIGINT to the whole process group. */
  interrupt(): void;
}

const running = new Map<ChildProcess, () => string>();

/**
 * A run that a failed test left behind is killed with its whole group. A failed test (even one that passes on its
 * retry, whose first error vitest prints nowhere) leaves its error and what each run printed in the artifacts.
 */
afterEach(async (ctx) => {
  const outputs = [...running.values()].map((output) => output());
  for (const child of running.keys()) {
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
  }
  running.clear();
  if (ctx.task.result?.state !== 'fail') return;
  const dir = await artifactsFolder(ctx.task.name);
  await writeFile(`${dir}/error.txt`, errorsOf(ctx.task.result));
  await writeFile(`${dir}/output.txt`, outputs.join('\n\n--- next run ---\n\n'));
  console.error(`[socketscope] failure artifacts: ${dir}`);
});

export function runStart(command: string[], env: NodeJS.ProcessEnv): StartRun {
  let output = '';
  const child = spawn(command[0], command.slice(1), { cwd: ROOT, env: { ...env, PORT: '0' }, detached: true });
  running.set(child, () => output);
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    pid: child.pid as number,
    output: () => output,
    exited,
    interrupt: () => process.kill(-(child.pid as number), 'SIGINT'),
  };
}

export async function waitFor(check: () => boolean, what: string, timeout = 60_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The environment without a display, as on a server or in CI without Xvfb. */
export function withoutDisplay(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  return env;
}
