import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { jsString } from '../../../src/panel/copy-as-code/js-string';
import { nodeScript } from '../../../src/panel/copy-as-code/node-ws';
import { planReplay } from '../../../src/panel/copy-as-code/replay-plan';
import { ALL_BYTES, HOSTILE_TEXTS, HOSTILE_URL, hostileSource, NUL_TEXT } from './hostile';

interface Replayed {
  url: string;
  protocols: string[];
  sent: { data: string | Uint8Array; binary: boolean }[];
  delays: number[];
  closed: number | null;
}

/**
 * Runs a generated script with `require('ws')` answered by a recording socket that opens at once and
 * accepts every send, and with timers that fire at once but record their delay.
 */
function replay(script: string): Replayed {
  const out: Replayed = { url: '', protocols: [], sent: [], delays: [], closed: null };
  const handlers = new Map<string, (...args: unknown[]) => void>();
  class RecordingSocket {
    constructor(url: string, protocols: string[]) {
      out.url = url;
      out.protocols = protocols;
      queueMicrotask(() => handlers.get('open')?.());
    }
    on(event: string, handler: (...args: unknown[]) => void) {
      handlers.set(event, handler);
    }
    send(data: string | Uint8Array, options: { binary: boolean }, done: (error?: Error) => void) {
      out.sent.push({ data: typeof data === 'string' ? data : new Uint8Array(data), binary: options.binary });
      done();
    }
    close(code: number) {
      out.closed = code;
    }
  }
  const timers = (fn: () => void, ms: number) => {
    out.delays.push(ms);
    fn();
  };
  const run = new Function('require', 'setTimeout', 'process', 'console', 'Buffer', script);
  run((name: string) => (name === 'ws' ? RecordingSocket : null), timers, { exitCode: 0 }, { log() {}, error() {} }, Buffer);
  return out;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
  delete (globalThis as { pwned?: unknown }).pwned;
});

describe('jsString', () => {
  it('gives back every hostile text exactly, in printable ASCII only, with no "<"', () => {
    for (const text of [...HOSTILE_TEXTS, NUL_TEXT, HOSTILE_URL]) {
      const literal = jsString(text);
      expect(literal).toMatch(/^"[\x20-\x3b\x3d-\x7e]*"$/);
      expect(new Function(`return ${literal};`)()).toBe(text);
    }
  });

  it('escapes every UTF-16 code unit and round-trips them all', () => {
    const units = Array.from({ length: 65536 }, (_, i) => String.fromCharCode(i)).join('');
    expect(new Function(`return ${jsString(units)};`)()).toBe(units);
  });
});

describe('nodeScript', () => {
  it('is valid JavaScript for node --check, whatever the payloads and URL', () => {
    dir = mkdtempSync(join(tmpdir(), 'socketscope-node-script-'));
    const file = join(dir, 'replay.js');
    writeFileSync(file, nodeScript(planReplay(hostileSource())));
    expect(() => execFileSync(process.execPath, ['--check', file], { stdio: 'pipe' })).not.toThrow();
  });

  it('opens the exact URL and subprotocols and sends every message exactly, in order, with its delay', async () => {
    const source = hostileSource();
    const result = replay(nodeScript(planReplay(source)));
    await flush();
    expect(result.url).toBe(source.url);
    expect(result.protocols).toEqual(source.protocols);
    expect(result.sent.map((s) => s.data)).toEqual([...HOSTILE_TEXTS, NUL_TEXT, ALL_BYTES]);
    expect(result.sent.map((s) => s.binary)).toEqual([...HOSTILE_TEXTS.map(() => false), false, true]);
    expect(result.delays).toEqual([10, ...HOSTILE_TEXTS.map(() => 5), 5]);
    expect(result.closed).toBe(1000);
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  it('leaves out partly captured messages and what exceeds the budget, says how many, and keeps the spacing', async () => {
    const plan = planReplay(
      {
        ordinal: 2,
        url: 'ws://x.test/',
        protocols: [],
        startedAt: 0,
        sends: [
          { t: 100, body: { text: 'a'.repeat(10) }, trimmed: false },
          { t: 200, body: { text: 'first part of 100 MB' }, trimmed: true },
          { t: 300, body: { text: 'b'.repeat(10) }, trimmed: false },
          { t: 400, body: { base64: 'QUJD'.repeat(10) }, trimmed: false },
          { t: 500, body: { text: 'c' }, trimmed: false },
        ],
      },
      25,
    );
    expect(plan.partial).toBe(1);
    expect(plan.overBudget).toBe(1);
    const script = nodeScript(plan);
    expect(script).toContain('// Left out: 1 message only partly captured');
    expect(script).toContain('// Left out: 1 message past');
    const result = replay(script);
    await flush();
    expect(result.sent.map((s) => s.data)).toEqual(['a'.repeat(10), 'b'.repeat(10), 'c']);
    expect(result.delays).toEqual([100, 200, 200]);
  });
});
