/**
 * A process and everything it started, read from Linux's /proc, to check that a command left nothing running.
 * Other engineers run browsers on the same machine, so a name (pgrep firefox) would find theirs too: this
 * follows parent links from one pid instead, and tells a reused pid apart by its start time.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** Clock ticks after boot at which it started: with the pid, it names this process and no later one. */
  started: string;
  /** The command line, arguments joined by spaces. */
  cmd: string;
}

/** A live process's info, or null when it is gone or a zombie (it has exited; only its parent's wait is left). */
function read(pid: number): ProcessInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in parentheses may hold spaces: the fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z') return null;
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    return { pid, ppid: Number(fields[1]), started: fields[19], cmd };
  } catch {
    return null;
  }
}

/** `root` and all its live descendants. */
export function processTree(root: number): ProcessInfo[] {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => read(Number(name)))
    .filter((info): info is ProcessInfo => info !== null);
  const tree = all.filter((p) => p.pid === root);
  for (let i = 0; i < tree.length; i++) tree.push(...all.filter((p) => p.ppid === tree[i].pid));
  return tree;
}

/** Those of `processes` that still run (same pid, same start time). */
export function stillRunning(processes: ProcessInfo[]): ProcessInfo[] {
  return processes.filter((p) => read(p.pid)?.started === p.started);
}
