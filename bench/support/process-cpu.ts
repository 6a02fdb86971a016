/**
 * CPU time per Chromium process and thread, read from /proc (Linux): where a burst's work lands (the page's
 * renderer, the browser process, the extension's service worker and panel, the network service). A CPU
 * profile sees one thread of one process; this sees them all, cheaply enough to wrap every run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { median } from './stats';

/** "process type / thread name" → CPU ms. */
export type CpuByThread = Record<string, number>;

/** Linux's clock ticks per second (USER_HZ): 100 on every architecture Debian ships. */
const MS_PER_TICK = 10;

function statFields(path: string): { name: string; fields: string[] } {
  const stat = readFileSync(path, 'utf8');
  const close = stat.lastIndexOf(')');
  return { name: stat.slice(stat.indexOf('(') + 1, close), fields: stat.slice(close + 2).split(' ') };
}

/** Every process under `root` (the browser's pid), by its Chromium type ("renderer+ext" for the extension's renderer). */
function processesUnder(root: number): Map<number, string> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      parents.set(Number(entry), Number(statFields(`/proc/${entry}/stat`).fields[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found = new Map<number, string>();
  for (const pid of parents.keys()) {
    let up: number | undefined = pid;
    while (up !== undefined && up !== root && up > 1) up = parents.get(up);
    if (up !== root) continue;
    try {
      // Chromium rewrites its command line into one space-separated string.
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
      const type = pid === root ? 'browser' : (args.find((a) => a.startsWith('--type='))?.slice(7) ?? 'other');
      const utility =
        args
          .find((a) => a.startsWith('--utility-sub-type='))
          ?.split('.')
          .pop() ?? '';
      found.set(pid, `${type}${utility ? `:${utility}` : ''}${args.includes('--extension-process') ? '+ext' : ''}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** A snapshot of every thread's CPU time so far, keyed by pid/tid so that two snapshots can be subtracted. */
export function cpuSnapshot(browserPid: number): Map<string, { label: string; ms: number }> {
  const out = new Map<string, { label: string; ms: number }>();
  for (const [pid, type] of processesUnder(browserPid)) {
    try {
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const { name, fields } = statFields(`/proc/${pid}/task/${tid}/stat`);
        // utime and stime: fields 14 and 15 of stat, 11 and 12 after the name.
        out.set(`${pid}/${tid}`, { label: `${type} / ${name}`, ms: (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK });
      }
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** CPU ms spent between two snapshots, summed by label; threads under `minMs` are left out. */
export function cpuSpent(before: ReturnType<typeof cpuSnapshot>, after: ReturnType<typeof cpuSnapshot>, minMs = 100): CpuByThread {
  const sums = new Map<string, number>();
  for (const [key, { label, ms }] of after) sums.set(label, (sums.get(label) ?? 0) + ms - (before.get(key)?.ms ?? 0));
  return Object.fromEntries([...sums].filter(([, ms]) => ms >= minMs).sort((a, b) => b[1] - a[1]));
}

/** The per-label median of several runs' figures (a label missing from a run counts as 0 there). */
export function medianCpu(runs: CpuByThread[]): CpuByThread {
  const labels = new Set(runs.flatMap((r) => Object.keys(r)));
  const out = [...labels].map((label) => [label, median(runs.map((r) => r[label] ?? 0))] as const);
  return Object.fromEntries(out.sort((a, b) => b[1] - a[1]));
}

/** "label a → b ms" for every label either side spent at least 200 ms in, largest increase first, with both totals. */
export function cpuComparison(a: CpuByThread, b: CpuByThread): string {
  const labels = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((l) => (a[l] ?? 0) >= 200 || (b[l] ?? 0) >= 200);
  labels.sort((x, y) => (b[y] ?? 0) - (a[y] ?? 0) - ((b[x] ?? 0) - (a[x] ?? 0)));
  const total = (r: CpuByThread) => Math.round(Object.values(r).reduce((s, v) => s + v, 0));
  const parts = labels.map((l) => `${l} ${Math.round(a[l] ?? 0)} → ${Math.round(b[l] ?? 0)} ms`);
  return `${parts.join('; ')}; all ${total(a)} → ${total(b)} ms`;
}
