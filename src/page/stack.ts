/**
 * The stack that created a socket, trimmed to a few frames. V8 would call a page-installed
 * Error.prepareStackTrace with our frames, so in that case the stack is skipped rather than
 * revealing the hook.
 */
import type { Natives } from './natives';

const MAX_FRAMES = 6;

export function captureStack(n: Natives): string {
  try {
    if (n.getOwnPropertyDescriptor(n.Error, 'prepareStackTrace')) return '(stack hidden by the page)';
    const raw = new n.Error().stack;
    if (typeof raw !== 'string') return '';
    const lines: string[] = [];
    let start = 0;
    // Split by hand: String.prototype.split belongs to the page.
    for (let i = 0; i <= raw.length && lines.length < MAX_FRAMES + 3; i++) {
      if (i === raw.length || raw[i] === '\n') {
        lines[lines.length] = n.apply(n.stringSlice, raw, [start, i]) as string;
        start = i + 1;
      }
    }
    // Drop the "Error" header (V8) and our own frames (they name the extension's script).
    let out = '';
    let kept = 0;
    for (let i = 0; i < lines.length && kept < MAX_FRAMES; i++) {
      const line = lines[i];
      if (line === 'Error' || line === '' || isOwnFrame(line)) continue;
      out += (kept ? '\n' : '') + line;
      kept++;
    }
    return out;
  } catch {
    return '';
  }
}

const OWN_MARKERS = ['chrome-extension://', 'moz-extension://'] as const;

function isOwnFrame(line: string): boolean {
  for (let m = 0; m < OWN_MARKERS.length; m++) {
    const marker = OWN_MARKERS[m];
    for (let i = 0; i + marker.length <= line.length; i++) {
      if (startsAt(line, marker, i)) return true;
    }
  }
  return false;
}

function startsAt(line: string, marker: string, at: number): boolean {
  for (let j = 0; j < marker.length; j++) if (line[at + j] !== marker[j]) return false;
  return true;
}
