import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planReplay } from '../../../src/panel/copy-as-code/replay-plan';
import { shellQuote, websocatCommand } from '../../../src/panel/copy-as-code/websocat';
import { HOSTILE_TEXTS, hostileSource } from './hostile';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'socketscope-websocat-'));
  // Stands in for websocat on PATH: it writes down its arguments (NUL-separated) and its stdin.
  const fake = join(dir, 'websocat');
  writeFileSync(fake, `#!/bin/sh\nprintf '%s\\000' "$@" > "${dir}/args"\ncat > "${dir}/stdin"\n`);
  chmodSync(fake, 0o755);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the command line with sh, as a user's shell would, with the recording websocat first on PATH. */
function runCommand(command: string): { args: string[]; stdin: string } {
  execFileSync('sh', ['-c', command], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}` }, cwd: dir, stdio: 'pipe' });
  const args = readFileSync(join(dir, 'args'), 'utf8').split('\0');
  args.pop(); // after the last terminator
  return { args, stdin: readFileSync(join(dir, 'stdin'), 'utf8') };
}

describe('shellQuote', () => {
  it('gives every hostile text back as one argument, unchanged', () => {
    for (const text of HOSTILE_TEXTS.filter((t) => !/[\ud800-\udfff]/.test(t) || /[\ud800-\udbff][\udc00-\udfff]/.test(t))) {
      const printed = execFileSync('sh', ['-c', `printf '%s' ${shellQuote(text)}`], { cwd: dir, encoding: 'utf8' });
      expect(printed).toBe(text);
    }
  });
});

describe('websocatCommand', () => {
  it('passes the exact URL and subprotocols and pipes each text message as one NUL-terminated record, running nothing else', () => {
    const marker = join(dir, 'pwned');
    const source = hostileSource(marker);
    const command = websocatCommand(planReplay(source));
    const { args, stdin } = runCommand(command);
    expect(args).toEqual(['-0', '--protocol', source.protocols.join(', '), source.url]);
    const texts = HOSTILE_TEXTS.map((t) => t.replaceAll('PWNED', marker))
      .map((t) => t.replace('\ud800', '\ufffd').replace('\udc00', '\ufffd'))
      .map((t) => `${t}\0`)
      .join('');
    expect(stdin).toBe(texts);
    expect(existsSync(marker)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['args', 'stdin', 'websocat']);
  });

  it('says what it left out: binary messages and texts holding NUL', () => {
    const command = websocatCommand(planReplay(hostileSource()));
    expect(command).toContain('# Left out: 1 binary message');
    expect(command).toContain('# Left out: 1 text message holding NUL');
    // The comments before the command hold counts only, never captured text (which may hold newlines).
    const comments = command.slice(0, command.indexOf('\n{ ')).split('\n');
    expect(comments.length).toBeGreaterThan(3);
    expect(comments.every((line) => line.startsWith('# ') && !line.includes('quote'))).toBe(true);
  });

  it('keeps a URL that looks like an option as the address', () => {
    const plan = planReplay({ ordinal: 1, url: '-e ws://x.test/', protocols: [], startedAt: 0, sends: [] });
    expect(runCommand(websocatCommand(plan)).args).toEqual(['-0', '--', '-e ws://x.test/']);
  });

  it('raises the 64 KiB buffer of websocat for a longer message, so that it is not split', () => {
    const long = 'é'.repeat(40_000); // 80,000 bytes of UTF-8
    const plan = planReplay({
      ordinal: 1,
      url: 'ws://x.test/',
      protocols: [],
      startedAt: 0,
      sends: [{ t: 0, body: { text: long }, trimmed: false }],
    });
    const { args, stdin } = runCommand(websocatCommand(plan));
    expect(args).toEqual(['-0', '-B', '80001', 'ws://x.test/']);
    expect(stdin).toBe(`${long}\0`);
  });
});
