/** The scope the statistics and the chart describe: every connection, or the one the connection filter names. */
import type { Capture } from './model';

export function scopeLabel(capture: Capture, scope: string): string {
  if (scope === 'all') return `All connections (${capture.connections.size})`;
  const c = capture.connections.get(scope);
  return c ? `Connection #${c.ordinal} ${c.url}` : 'Connection no longer in the capture';
}
